from __future__ import annotations

from python_detection import detect

from codedoc.model import ModelField, Relation


def test_pydantic_model_fields_from_annotations() -> None:
    facts = detect(
        '''
        from datetime import datetime
        from typing import Optional

        from pydantic import BaseModel, Field


        class User(BaseModel):
            """A user of the API."""

            id: int
            name: str = "John Doe"
            signup_ts: Optional[datetime] = None
            tags: list[str] = Field(default_factory=list)
            email: str = Field(..., description="Where we write to.")
            age: int = Field(18, description="In years.")
        ''',
        path="api/schemas.py",
    )
    (user,) = facts.data_models
    assert (user.name, user.qualname, user.framework, user.table, user.docstring) == (
        "User",
        "api.schemas.User",
        "pydantic",
        None,
        "A user of the API.",
    )
    assert user.fields == (
        ModelField("id", "int", None, False),
        ModelField("name", "str", '"John Doe"', False),
        ModelField("signup_ts", "Optional[datetime]", "None", True),
        ModelField("tags", "list[str]", "list()", False),
        ModelField("email", "str", None, False, description="Where we write to."),
        ModelField("age", "int", "18", False, description="In years."),
    )


def test_pydantic_subclass_in_same_file_inherits_fields() -> None:
    facts = detect(
        """
        import pydantic

        class ItemBase(pydantic.BaseModel):
            title: str
            description: str | None = None

        class ItemCreate(ItemBase):
            pass

        class Item(ItemBase):
            id: int
            owner_id: int
        """
    )
    assert [(m.name, [f.name for f in m.fields]) for m in facts.data_models] == [
        ("ItemBase", ["title", "description"]),
        ("ItemCreate", ["title", "description"]),
        ("Item", ["title", "description", "id", "owner_id"]),
    ]


def test_pydantic_nested_models_become_relations() -> None:
    facts = detect(
        """
        from pydantic import BaseModel

        class Image(BaseModel):
            url: str

        class Item(BaseModel):
            image: Image | None = None
            gallery: list["Image"] = []
        """
    )
    item = facts.data_models[1]
    assert item.relations == (Relation("image", "Image", "related"), Relation("gallery", "Image", "one_to_many"))


def test_pydantic_ignores_classvars_private_attributes_and_config() -> None:
    facts = detect(
        """
        from typing import ClassVar
        from pydantic import BaseModel, ConfigDict

        class Model(BaseModel):
            model_config = ConfigDict(frozen=True)
            registry: ClassVar[dict] = {}
            _cache: dict = {}
            value: int
        """
    )
    assert [f.name for f in facts.data_models[0].fields] == ["value"]


def test_pydantic_attribute_docstring_is_the_field_description() -> None:
    facts = detect(
        '''
        from pydantic import BaseModel

        class Config(BaseModel):
            retries: int = 3
            """How often to try again."""
        '''
    )
    assert facts.data_models[0].fields[0].description == "How often to try again."


def test_pydantic_settings_classes_are_not_data_models() -> None:
    facts = detect(
        """
        from pydantic import BaseModel
        from pydantic_settings import BaseSettings

        class Settings(BaseSettings):
            app_name: str = "Awesome API"

        class ProdSettings(Settings):
            debug: bool = False
        """
    )
    assert facts.data_models == ()
    assert [s.name for s in facts.settings] == ["APP_NAME", "APP_NAME", "DEBUG"]
