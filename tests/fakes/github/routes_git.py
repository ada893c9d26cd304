"""The fake's Git Data and pull request endpoints, written into the real bare repositories with git itself.

Blobs, trees, commits and refs follow GitHub's rules: `Reference already exists`, `Update is not a fast
forward` without `force`, `A pull request already exists`, `No commits between`, 404 to those who cannot
read, 403 to readers who cannot push.
"""

from __future__ import annotations

import base64
import os
import subprocess
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:
    from pathlib import Path

    from fakes.github.state import FakeGitHub, FakeRepo

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "CodeDoc",
    "GIT_AUTHOR_EMAIL": "codedoc@example.com",
    "GIT_COMMITTER_NAME": "CodeDoc",
    "GIT_COMMITTER_EMAIL": "codedoc@example.com",
}


@dataclass
class FakePull:
    number: int
    head: str
    base: str
    title: str
    body: str
    state: str = "open"
    merged: bool = False


def run_git(repo: Path, *args: str, data: bytes | None = None, env: dict[str, str] | None = None) -> str:
    full_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1"}
    full_env.update(GIT_IDENTITY)
    full_env.update(env or {})
    done = subprocess.run(["git", *args], cwd=repo, input=data, env=full_env, capture_output=True, check=True)
    return done.stdout.decode().strip()


def ref_sha(repo: Path, branch: str) -> str | None:
    try:
        return run_git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    except subprocess.CalledProcessError:
        return None


def git_data_routes(fake: FakeGitHub) -> list[Route]:
    def error(status: int, message: str, errors: list[dict[str, str]] | None = None) -> JSONResponse:
        body: dict[str, Any] = {"message": message, "documentation_url": "https://docs.github.com/rest"}
        if errors:
            body["errors"] = errors
        return JSONResponse(body, status_code=status)

    def base_url(request: Request) -> str:
        return f"{request.url.scheme}://{request.url.netloc}"

    def access(request: Request, *, write: bool) -> tuple[FakeRepo | None, Response | None]:
        header = request.headers.get("authorization", "")
        value = header.partition(" ")[2].strip()
        token = fake.tokens.get(value)
        if value and (token is None or not fake.valid(token)):
            return None, error(401, "Bad credentials")
        login = token.login if token is not None else None
        repo = fake.repos.get(f"{request.path_params['owner']}/{request.path_params['repo']}")
        if repo is None or not fake.can_read(repo, login):
            return None, error(404, "Not Found")
        if write and not fake.can_push(repo, login):
            return None, error(403, "Resource not accessible by personal access token")
        return repo, None

    def ref_json(request: Request, repo: FakeRepo, branch: str, sha: str) -> dict[str, Any]:
        api = f"{base_url(request)}/api/v3/repos/{repo.full_name}"
        return {
            "ref": f"refs/heads/{branch}",
            "node_id": f"REF_{branch}",
            "url": f"{api}/git/refs/heads/{branch}",
            "object": {"type": "commit", "sha": sha, "url": f"{api}/git/commits/{sha}"},
        }

    def commit_json(request: Request, repo: FakeRepo, sha: str) -> dict[str, Any]:
        api = f"{base_url(request)}/api/v3/repos/{repo.full_name}"
        tree, parents, message = run_git(repo.path, "log", "-1", "--format=%T%n%P%n%B", sha).split("\n", 2)
        person = {"name": "CodeDoc", "email": "codedoc@example.com", "date": "2026-01-01T00:00:00Z"}
        return {
            "sha": sha,
            "node_id": f"C_{sha}",
            "url": f"{api}/git/commits/{sha}",
            "html_url": f"{base_url(request)}/{repo.full_name}/commit/{sha}",
            "author": person,
            "committer": person,
            "message": message.strip(),
            "tree": {"sha": tree, "url": f"{api}/git/trees/{tree}"},
            "parents": [
                {"sha": p, "url": f"{api}/git/commits/{p}", "html_url": f"{base_url(request)}/commit/{p}"}
                for p in parents.split()
            ],
            "verification": {
                "verified": False,
                "reason": "unsigned",
                "signature": None,
                "payload": None,
                "verified_at": None,
            },
        }

    async def get_ref(request: Request) -> Response:
        repo, refused = access(request, write=False)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        branch = request.path_params["ref"].removeprefix("heads/")
        sha = ref_sha(repo.path, branch)
        return error(404, "Not Found") if sha is None else JSONResponse(ref_json(request, repo, branch, sha))

    async def create_ref(request: Request) -> Response:
        repo, refused = access(request, write=True)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        body = await request.json()
        branch = str(body.get("ref", "")).removeprefix("refs/heads/")
        if ref_sha(repo.path, branch) is not None:
            return error(422, "Reference already exists")
        run_git(repo.path, "update-ref", f"refs/heads/{branch}", body["sha"])
        return JSONResponse(ref_json(request, repo, branch, body["sha"]), status_code=201)

    async def update_ref(request: Request) -> Response:
        repo, refused = access(request, write=True)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        body = await request.json()
        branch = request.path_params["ref"].removeprefix("heads/")
        old = ref_sha(repo.path, branch)
        if old is None:
            return error(422, "Reference does not exist")
        if not body.get("force"):
            try:
                run_git(repo.path, "merge-base", "--is-ancestor", old, body["sha"])
            except subprocess.CalledProcessError:
                return error(422, "Update is not a fast forward")
        run_git(repo.path, "update-ref", f"refs/heads/{branch}", body["sha"])
        fake.ref_updates.append((repo.full_name, branch, bool(body.get("force"))))
        return JSONResponse(ref_json(request, repo, branch, body["sha"]))

    async def get_commit(request: Request) -> Response:
        repo, refused = access(request, write=False)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        try:
            return JSONResponse(commit_json(request, repo, request.path_params["sha"]))
        except subprocess.CalledProcessError:
            return error(404, "Not Found")

    async def create_blob(request: Request) -> Response:
        repo, refused = access(request, write=True)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        body = await request.json()
        content = body.get("content", "")
        data = base64.b64decode(content) if body.get("encoding") == "base64" else str(content).encode()
        sha = run_git(repo.path, "hash-object", "-w", "--stdin", data=data)
        api = f"{base_url(request)}/api/v3/repos/{repo.full_name}"
        return JSONResponse({"sha": sha, "url": f"{api}/git/blobs/{sha}"}, status_code=201)

    async def create_tree(request: Request) -> Response:
        repo, refused = access(request, write=True)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        body = await request.json()
        with tempfile.TemporaryDirectory() as scratch:
            env = {"GIT_INDEX_FILE": f"{scratch}/index"}
            if body.get("base_tree"):
                run_git(repo.path, "read-tree", body["base_tree"], env=env)
            for entry in body.get("tree", []):
                info = f"{entry.get('mode', '100644')},{entry['sha']},{entry['path']}"
                run_git(repo.path, "update-index", "--add", "--cacheinfo", info, env=env)
            sha = run_git(repo.path, "write-tree", env=env)
        api = f"{base_url(request)}/api/v3/repos/{repo.full_name}"
        return JSONResponse({"sha": sha, "url": f"{api}/git/trees/{sha}", "truncated": False, "tree": []}, 201)

    async def create_commit(request: Request) -> Response:
        repo, refused = access(request, write=True)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        body = await request.json()
        parents = [arg for parent in body.get("parents", []) for arg in ("-p", parent)]
        sha = run_git(repo.path, "commit-tree", body["tree"], *parents, "-m", body.get("message", ""))
        return JSONResponse(commit_json(request, repo, sha), status_code=201)

    def pull_json(request: Request, repo: FakeRepo, pull: FakePull) -> dict[str, Any]:
        return {
            "number": pull.number,
            "html_url": f"{base_url(request)}/{repo.full_name}/pull/{pull.number}",
            "state": pull.state,
            "merged": pull.merged,
            "title": pull.title,
            "body": pull.body,
            "head": {"ref": pull.head, "label": f"{repo.owner}:{pull.head}"},
            "base": {"ref": pull.base},
        }

    async def list_pulls(request: Request) -> Response:
        repo, refused = access(request, write=False)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        head = request.query_params.get("head", "").partition(":")[2]
        state = request.query_params.get("state", "open")
        pulls = [
            pull_json(request, repo, pull)
            for pull in reversed(fake.pulls.get(repo.full_name, []))
            if (not head or pull.head == head) and (state == "all" or pull.state == state)
        ]
        return JSONResponse(pulls)

    async def create_pull(request: Request) -> Response:
        repo, refused = access(request, write=True)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        body = await request.json()
        head, base = str(body["head"]).rpartition(":")[2], str(body["base"])
        pulls = fake.pulls.setdefault(repo.full_name, [])
        if any(p.head == head and p.state == "open" for p in pulls):
            return error(
                422,
                "Validation Failed",
                [
                    {
                        "resource": "PullRequest",
                        "code": "custom",
                        "message": f"A pull request already exists for {repo.owner}:{head}.",
                    }
                ],
            )
        head_sha, base_sha = ref_sha(repo.path, head), ref_sha(repo.path, base)
        if head_sha is None or base_sha is None or head_sha == base_sha:
            return error(
                422,
                "Validation Failed",
                [{"resource": "PullRequest", "code": "custom", "message": f"No commits between {base} and {head}"}],
            )
        pull = FakePull(fake.next_pull_number(), head, base, body.get("title", ""), body.get("body", ""))
        pulls.append(pull)
        return JSONResponse(pull_json(request, repo, pull), status_code=201)

    async def get_pull(request: Request) -> Response:
        repo, refused = access(request, write=False)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        number = int(request.path_params["number"])
        pull = next((p for p in fake.pulls.get(repo.full_name, []) if p.number == number), None)
        if pull is None:
            return error(404, "Not Found")
        return JSONResponse(pull_json(request, repo, pull))

    async def update_pull(request: Request) -> Response:
        repo, refused = access(request, write=True)
        if refused is not None or repo is None:
            return refused or error(404, "Not Found")
        body = await request.json()
        number = int(request.path_params["number"])
        pull = next((p for p in fake.pulls.get(repo.full_name, []) if p.number == number), None)
        if pull is None:
            return error(404, "Not Found")
        pull.title = body.get("title", pull.title)
        pull.body = body.get("body", pull.body)
        pull.state = body.get("state", pull.state)
        return JSONResponse(pull_json(request, repo, pull))

    prefix = "/api/v3/repos/{owner}/{repo}"
    return [
        Route(f"{prefix}/git/ref/{{ref:path}}", get_ref),
        Route(f"{prefix}/git/refs", create_ref, methods=["POST"]),
        Route(f"{prefix}/git/refs/{{ref:path}}", update_ref, methods=["PATCH"]),
        Route(f"{prefix}/git/commits/{{sha}}", get_commit),
        Route(f"{prefix}/git/commits", create_commit, methods=["POST"]),
        Route(f"{prefix}/git/blobs", create_blob, methods=["POST"]),
        Route(f"{prefix}/git/trees", create_tree, methods=["POST"]),
        Route(f"{prefix}/pulls", list_pulls),
        Route(f"{prefix}/pulls", create_pull, methods=["POST"]),
        Route(f"{prefix}/pulls/{{number:int}}", get_pull),
        Route(f"{prefix}/pulls/{{number:int}}", update_pull, methods=["PATCH"]),
    ]
