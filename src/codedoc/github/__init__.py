"""The Git host provider at the edge: sign-in, repositories, access checks — GitHub today.

The service talks to `GitHost` (in `provider.py`); `GitHubHost` implements it with Authlib for the
OAuth web flow and githubkit for every REST call. GitLab or Bitbucket would be another `GitHost`.
"""

from codedoc.github.config import GitHubConfig
from codedoc.github.host import GitHubHost
from codedoc.github.provider import GitHost, Grant, HostRepository, HostUser, Identity

__all__ = ["GitHost", "GitHubConfig", "GitHubHost", "Grant", "HostRepository", "HostUser", "Identity"]
