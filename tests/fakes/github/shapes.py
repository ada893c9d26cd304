"""JSON bodies in GitHub's REST shapes, complete enough for githubkit's models to validate."""

from __future__ import annotations

from typing import Any

from fakes.github.state import FakeRepo, FakeUser

STAMP = "2026-01-01T00:00:00Z"
_USER_URLS = [
    "followers_url",
    "following_url",
    "gists_url",
    "starred_url",
    "subscriptions_url",
    "organizations_url",
    "repos_url",
    "events_url",
    "received_events_url",
]
_REPO_URLS = [
    "archive_url",
    "assignees_url",
    "blobs_url",
    "branches_url",
    "collaborators_url",
    "comments_url",
    "commits_url",
    "compare_url",
    "contents_url",
    "contributors_url",
    "deployments_url",
    "downloads_url",
    "events_url",
    "forks_url",
    "git_commits_url",
    "git_refs_url",
    "git_tags_url",
    "issue_comment_url",
    "issue_events_url",
    "issues_url",
    "keys_url",
    "labels_url",
    "languages_url",
    "merges_url",
    "milestones_url",
    "notifications_url",
    "pulls_url",
    "releases_url",
    "stargazers_url",
    "statuses_url",
    "subscribers_url",
    "subscription_url",
    "tags_url",
    "teams_url",
    "trees_url",
    "hooks_url",
]


def simple_user(user: FakeUser, api: str, web: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "login": user.login,
        "id": user.id,
        "node_id": f"U_{user.id}",
        "avatar_url": f"{web}/avatars/{user.login}",
        "gravatar_id": "",
        "url": f"{api}/users/{user.login}",
        "html_url": f"{web}/{user.login}",
        "type": "User",
        "site_admin": False,
    }
    body.update({name: f"{api}/users/{user.login}/{name.removesuffix('_url')}" for name in _USER_URLS})
    return body


def private_user(user: FakeUser, api: str, web: str) -> dict[str, Any]:
    body = simple_user(user, api, web)
    body.update(
        name=user.name,
        company=None,
        blog="",
        location=None,
        email=user.email,
        hireable=None,
        bio=None,
        public_repos=0,
        public_gists=0,
        followers=0,
        following=0,
        created_at=STAMP,
        updated_at=STAMP,
        private_gists=0,
        total_private_repos=0,
        owned_private_repos=0,
        disk_usage=0,
        collaborators=0,
        two_factor_authentication=True,
    )
    return body


def repository(
    repo: FakeRepo, owner: FakeUser, api: str, web: str, *, permissions: dict[str, bool] | None
) -> dict[str, Any]:
    base = f"{api}/repos/{repo.full_name}"
    body: dict[str, Any] = {
        "id": repo.id,
        "node_id": f"R_{repo.id}",
        "name": repo.name,
        "full_name": repo.full_name,
        "owner": simple_user(owner, api, web),
        "private": repo.private,
        "visibility": "private" if repo.private else "public",
        "html_url": f"{web}/{repo.full_name}",
        "description": repo.description,
        "fork": False,
        "url": base,
        "git_url": f"git://{web.split('://')[-1]}/{repo.full_name}.git",
        "ssh_url": f"git@{web.split('://')[-1]}:{repo.full_name}.git",
        "clone_url": f"{web}/{repo.full_name}.git",
        "svn_url": f"{web}/{repo.full_name}",
        "mirror_url": None,
        "homepage": None,
        "language": "Python",
        "forks_count": 0,
        "stargazers_count": 0,
        "watchers_count": 0,
        "size": 1,
        "default_branch": repo.default_branch,
        "open_issues_count": 0,
        "has_issues": True,
        "has_projects": False,
        "has_wiki": False,
        "has_pages": False,
        "has_discussions": False,
        "archived": False,
        "disabled": False,
        "pushed_at": STAMP,
        "created_at": STAMP,
        "updated_at": STAMP,
        "subscribers_count": 0,
        "network_count": 0,
        "license": None,
        "forks": 0,
        "open_issues": 0,
        "watchers": 0,
    }
    body.update({name: f"{base}/{name.removesuffix('_url')}" for name in _REPO_URLS})
    if permissions is not None:
        # GitHub includes `permissions` only for authenticated requests.
        body["permissions"] = permissions
    return body


def error(message: str) -> dict[str, str]:
    return {"message": message, "documentation_url": "https://docs.github.com/rest"}
