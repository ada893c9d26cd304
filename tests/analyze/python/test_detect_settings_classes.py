from __future__ import annotations

from python_detection import detect

from codedoc.model import Setting


def test_settings_class_fields_are_env_vars_with_prefix() -> None:
    facts = detect(
        """
        from pydantic import Field
        from pydantic_settings import BaseSettings, SettingsConfigDict


        class Settings(BaseSettings):
            model_config = SettingsConfigDict(env_prefix="my_prefix_", env_file=".env")

            auth_key: str
            api_key: str = Field(alias="my_api_key")
            redis_dsn: str = Field("redis://user:pass@localhost:6379/1", description="Cache server.")
            workers: int = 4
        """,
        path="app/core/config.py",
    )
    assert [(s.name, s.type, s.default, s.description) for s in facts.settings] == [
        ("MY_PREFIX_AUTH_KEY", "str", None, None),
        ("my_api_key", "str", None, None),
        ("MY_PREFIX_REDIS_DSN", "str", "<redacted>", "Cache server."),
        ("MY_PREFIX_WORKERS", "int", "4", None),
    ]
    first = facts.settings[0]
    assert (first.source, first.settings_class, first.is_env_var) == (
        "pydantic-settings",
        "app.core.config.Settings",
        True,
    )


def test_settings_class_v1_config_prefix_and_env_field() -> None:
    facts = detect(
        """
        from pydantic import BaseSettings, Field

        class Settings(BaseSettings):
            debug: bool = False
            database_url: str = Field(..., env="DATABASE_URL")

            class Config:
                env_prefix = "app_"
        """
    )
    assert [(s.name, s.default) for s in facts.settings] == [("APP_DEBUG", "False"), ("DATABASE_URL", None)]


def test_settings_class_validation_alias_and_dict_config() -> None:
    facts = detect(
        """
        from pydantic import AliasChoices, Field
        from pydantic_settings import BaseSettings

        class Settings(BaseSettings):
            model_config = {"env_prefix": "svc_"}
            host: str = Field("localhost", validation_alias=AliasChoices("SERVICE_HOST", "HOST"))
            port: int = 80
        """
    )
    assert [s.name for s in facts.settings] == ["SERVICE_HOST", "SVC_PORT"]


def test_settings_class_without_prefix_uses_upper_case_field_names() -> None:
    facts = detect(
        '''
        from pydantic_settings import BaseSettings

        class Settings(BaseSettings):
            app_name: str = "Awesome API"
            """Shown in the page title."""
            items_per_user: int = 50
        '''
    )
    assert facts.settings[0] == Setting(
        "APP_NAME",
        facts.settings[0].location,
        "pydantic-settings",
        '"Awesome API"',
        "str",
        "app.main.Settings",
        "Shown in the page title.",
    )
    assert facts.settings[1].name == "ITEMS_PER_USER"


def test_settings_class_case_sensitive_keeps_field_case() -> None:
    facts = detect(
        """
        from pydantic_settings import BaseSettings, SettingsConfigDict

        class Settings(BaseSettings):
            model_config = SettingsConfigDict(case_sensitive=True)
            myValue: str = "x"
        """
    )
    assert [s.name for s in facts.settings] == ["myValue"]
