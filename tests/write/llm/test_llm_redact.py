"""No secret reaches a prompt: detect-secrets' plugins find them, whole tokens are redacted."""

from __future__ import annotations

from llm_fixtures import AWS_KEY, GITHUB_TOKEN, PASSWORD, sample_model, settings_for

from codedoc.write.llm import LLMProse
from codedoc.write.llm.redact import REDACTED, redact
from fakes.llm_server import FakeLLMServer


def test_aws_key_is_redacted() -> None:
    result = redact(f'AWS_ACCESS_KEY_ID = "{AWS_KEY}"\nregion = "eu-west-1"', "settings.py")
    assert AWS_KEY not in result.text
    assert result.text == f'AWS_ACCESS_KEY_ID = "{REDACTED}"\nregion = "eu-west-1"'


def test_whole_github_token_is_redacted_not_just_its_prefix() -> None:
    result = redact(f"The deploy token is {GITHUB_TOKEN} for CI.", "README.md")
    assert "ghp_" not in result.text and "abcdefghij" not in result.text
    assert result.text == f"The deploy token is {REDACTED} for CI."


def test_password_is_redacted() -> None:
    result = redact(f'password = "{PASSWORD}"', "config.py")
    assert PASSWORD not in result.text
    assert result.secrets == 1  # found by both passes, counted once


def test_annotated_password_is_redacted_to_the_end_of_the_line() -> None:
    result = redact('DB_PASSWORD: str = "s3cr3t-Pa55"', "config.py")
    assert "s3cr3t" not in result.text


def test_private_key_block_is_redacted_whole() -> None:
    text = "\n".join(
        [
            "-----BEGIN RSA PRIVATE KEY-----",
            "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi",
            "-----END RSA PRIVATE KEY-----",
            "after",
        ]
    )
    assert redact(text, "key.pem").text == f"{REDACTED}\n{REDACTED}\n{REDACTED}\nafter"


def test_ordinary_code_is_left_alone() -> None:
    text = "def get(self, url: str) -> Response:\n    return self.request('GET', url)"
    assert redact(text, "client.py") == type(redact(text, "client.py"))(text, 0)


def test_planted_secrets_never_reach_the_provider(server: FakeLLMServer) -> None:
    readme = f"# Shop\n\nUse token {GITHUB_TOKEN} and AWS key {AWS_KEY}.\npassword: {PASSWORD}\n"
    prose = LLMProse(settings_for(server.url))
    prose.prepare(sample_model(secrets=True, readme=readme))
    sent = "\n".join(request.system + request.prompt for request in server.requests)
    assert server.calls == 7
    for secret in (AWS_KEY, GITHUB_TOKEN, PASSWORD, "ghp_"):
        assert secret not in sent
    assert REDACTED in sent
    assert prose.report().secrets_redacted >= 4
