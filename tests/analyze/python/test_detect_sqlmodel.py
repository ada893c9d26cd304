from __future__ import annotations

from python_detection import detect

from codedoc.model import ModelField, Relation


def test_sqlmodel_tables_with_foreign_keys_and_relationships() -> None:
    facts = detect(
        '''
        from sqlmodel import Field, Relationship, SQLModel


        class Team(SQLModel, table=True):
            id: int | None = Field(default=None, primary_key=True)
            name: str = Field(index=True)
            headquarters: str

            heroes: list["Hero"] = Relationship(back_populates="team")


        class Hero(SQLModel, table=True):
            """A hero."""
            id: int | None = Field(default=None, primary_key=True)
            name: str = Field(index=True, description="Public name.")
            age: int | None = Field(default=None, index=True)

            team_id: int | None = Field(default=None, foreign_key="team.id")
            team: Team | None = Relationship(back_populates="heroes")
        ''',
        path="heroes/models.py",
    )
    team, hero = facts.data_models
    assert (team.name, team.table, team.framework, team.qualname) == ("Team", "team", "sqlmodel", "heroes.models.Team")
    assert team.relations == (Relation("heroes", "Hero", "one_to_many"),)
    assert [f.name for f in team.fields] == ["id", "name", "headquarters"]
    assert hero.docstring == "A hero."
    assert hero.fields[0] == ModelField("id", "int | None", "None", True, True)
    assert hero.fields[1] == ModelField("name", "str", None, False, False, "Public name.")
    assert hero.relations == (Relation("team_id", "team", "foreign_key"), Relation("team", "Team", "many_to_one"))


def test_sqlmodel_table_inherits_fields_of_base_schema_in_same_file() -> None:
    facts = detect(
        """
        from sqlmodel import Field, SQLModel

        class HeroBase(SQLModel):
            name: str = Field(index=True)
            secret_name: str

        class Hero(HeroBase, table=True):
            __tablename__ = "heroes"
            id: int | None = Field(default=None, primary_key=True)
        """
    )
    base, hero = facts.data_models
    assert base.table is None
    assert hero.table == "heroes"
    assert [f.name for f in hero.fields] == ["name", "secret_name", "id"]


def test_sqlmodel_classes_are_not_reported_as_sqlalchemy_or_pydantic() -> None:
    facts = detect(
        """
        from sqlmodel import Field, SQLModel
        from pydantic import BaseModel

        class Hero(SQLModel, table=True):
            __tablename__ = "hero"
            id: int = Field(primary_key=True)
        """
    )
    assert [(m.name, m.framework) for m in facts.data_models] == [("Hero", "sqlmodel")]


def test_sqlmodel_schema_nesting_another_points_to_it() -> None:
    facts = detect(
        """
        from sqlmodel import SQLModel

        class UserPublic(SQLModel):
            email: str

        class UsersPublic(SQLModel):
            data: list[UserPublic]
            count: int
        """
    )
    assert facts.data_models[1].relations == (Relation("data", "UserPublic", "one_to_many"),)
