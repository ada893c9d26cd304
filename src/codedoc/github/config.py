"""Where GitHub is and who CodeDoc is to it: github.com or a GitHub Enterprise Server."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class GitHubConfig:
    web_url: str = "https://github.com"
    """Where people sign in and git clones from (Enterprise: `https://ghe.example.com`)."""
    api_url: str = ""
    """REST base; empty means `https://api.github.com` for github.com, `<web_url>/api/v3` otherwise."""
    client_id: str = ""
    """The OAuth App's or GitHub App's client id; empty disables sign-in."""
    client_secret: str = field(default="", repr=False)
    scopes: str = "repo read:user user:email"
    """Asked for by an OAuth App; a GitHub App ignores them and uses its permissions."""
    max_wait_seconds: float = 30.0
    """A rate limit asking to wait longer than this fails the call (the job is retried later) instead."""
    timeout_seconds: float = 20.0

    @property
    def web_base(self) -> str:
        return self.web_url.rstrip("/")

    @property
    def api_base(self) -> str:
        if self.api_url:
            return self.api_url.rstrip("/")
        if self.web_base in ("https://github.com", "https://www.github.com"):
            return "https://api.github.com"
        return f"{self.web_base}/api/v3"

    @property
    def authorize_url(self) -> str:
        return f"{self.web_base}/login/oauth/authorize"

    @property
    def access_token_url(self) -> str:
        return f"{self.web_base}/login/oauth/access_token"

    @property
    def sign_in_enabled(self) -> bool:
        return bool(self.client_id and self.client_secret)
