from __future__ import annotations

from python_detection import detect

from codedoc.model import ModelField, Relation

MAPPED_MODELS = '''
from typing import List, Optional

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    """A person with an account."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user", cascade="all, delete-orphan")


class Address(Base):
    __tablename__ = "address"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")
'''


def test_sqlalchemy_mapped_models_with_fields_and_table() -> None:
    facts = detect(MAPPED_MODELS, path="shop/models.py")
    assert [(m.name, m.qualname, m.table, m.framework) for m in facts.data_models] == [
        ("User", "shop.models.User", "user_account", "sqlalchemy"),
        ("Address", "shop.models.Address", "address", "sqlalchemy"),
    ]
    user = facts.data_models[0]
    assert user.docstring == "A person with an account."
    assert user.fields == (
        ModelField("id", "int", None, False, True),
        ModelField("name", "String(30)", None, False, False),
        ModelField("fullname", "Optional[str]", None, True, False),
    )


def test_sqlalchemy_relationship_kinds_from_mapped_annotations() -> None:
    facts = detect(MAPPED_MODELS, path="shop/models.py")
    user, address = facts.data_models
    assert user.relations == (Relation("addresses", "Address", "one_to_many"),)
    assert address.relations == (
        Relation("user_id", "user_account", "foreign_key"),
        Relation("user", "User", "many_to_one"),
    )


def test_sqlalchemy_classic_columns_with_imported_base() -> None:
    facts = detect(
        """
        from sqlalchemy import Column, ForeignKey, Integer, String, Table
        from sqlalchemy.orm import relationship

        from .database import Base


        class Item(Base):
            __tablename__ = "items"

            id = Column(Integer, primary_key=True, index=True)
            title = Column(String, index=True, nullable=False, comment="Shown in lists.")
            description = Column(String, default="")
            owner_id = Column(Integer, ForeignKey("users.id"))

            owner = relationship("User", back_populates="items")
            tags = relationship("Tag", secondary="item_tags")
            detail = relationship("Detail", uselist=False)
        """,
        path="sql_app/models.py",
    )
    (item,) = facts.data_models
    assert item.table == "items"
    assert item.fields == (
        ModelField("id", "Integer", None, False, True),
        ModelField("title", "String", None, False, False, "Shown in lists."),
        ModelField("description", "String", '""', True, False),
        ModelField("owner_id", "Integer", None, True, False),
    )
    assert item.relations == (
        Relation("owner_id", "users", "foreign_key"),
        Relation("owner", "User", "related"),
        Relation("tags", "Tag", "many_to_many"),
        Relation("detail", "Detail", "one_to_one"),
    )


def test_sqlalchemy_table_objects_are_models() -> None:
    facts = detect(
        """
        from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table
        metadata_obj = MetaData()
        user_table = Table(
            "user_account",
            metadata_obj,
            Column("id", Integer, primary_key=True),
            Column("name", String(30)),
            Column("team_id", ForeignKey("team.id")),
        )
        """
    )
    (table,) = facts.data_models
    assert (table.name, table.qualname, table.table) == ("user_account", "app.main.user_table", "user_account")
    assert [f.name for f in table.fields] == ["id", "name", "team_id"]
    assert table.relations == (Relation("team_id", "team", "foreign_key"),)


def test_sqlalchemy_mixin_columns_are_inherited_and_mixin_is_not_a_model() -> None:
    facts = detect(
        """
        from sqlalchemy import Column, DateTime, Integer

        class TimestampMixin:
            created_at = Column(DateTime)

        class Base: ...

        class Event(TimestampMixin, Base):
            __tablename__ = "events"
            id = Column(Integer, primary_key=True)
        """
    )
    assert [m.name for m in facts.data_models] == ["Event"]
    assert [f.name for f in facts.data_models[0].fields] == ["created_at", "id"]


def test_sqlalchemy_abstract_class_is_not_a_model() -> None:
    facts = detect(
        """
        from sqlalchemy import Column, Integer
        from .db import Base

        class Thing(Base):
            __abstract__ = True
            id = Column(Integer, primary_key=True)
        """
    )
    assert facts.data_models == ()
