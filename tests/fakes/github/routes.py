"""The fake's routes: OAuth web flow, REST under /api/v3, git smart HTTP — GitHub's answers and errors."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from fakes.github import shapes
from fakes.github.routes_git import git_data_routes

if TYPE_CHECKING:
    from fakes.github.state import FakeGitHub, FakeToken

CODE_LIFETIME = 600


def build_app(fake: FakeGitHub) -> Starlette:
    def web(request: Request) -> str:
        return f"{request.url.scheme}://{request.url.netloc}"

    def api(request: Request) -> str:
        return f"{web(request)}/api/v3"

    def rate_headers() -> dict[str, str]:
        return {
            "X-RateLimit-Limit": "5000",
            "X-RateLimit-Remaining": "4999",
            "X-RateLimit-Reset": str(int(time.time()) + 3600),
            "X-RateLimit-Used": "1",
            "X-RateLimit-Resource": "core",
        }

    def api_json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
        return JSONResponse(body, status_code=status, headers={**rate_headers(), **(headers or {})})

    def bad_credentials() -> JSONResponse:
        return api_json(shapes.error("Bad credentials"), 401)

    def not_found() -> JSONResponse:
        return api_json(shapes.error("Not Found"), 404)

    def bearer(request: Request) -> tuple[str | None, FakeToken | None]:
        """(the token string given, the live token) — a given but dead token is (value, None)."""
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() not in ("token", "bearer") or not value:
            return None, None
        token = fake.tokens.get(value.strip())
        return value, token if token is not None and fake.valid(token) else None

    def token_json(request_accept: str, body: dict[str, Any]) -> Response:
        # GitHub answers form-encoded unless JSON is asked for — and errors with 200 as well.
        if "application/json" in request_accept:
            return JSONResponse(body)
        return PlainTextResponse(urlencode(body), media_type="application/x-www-form-urlencoded")

    # ---- OAuth web flow ----------------------------------------------------------------------

    async def authorize(request: Request) -> Response:
        params = request.query_params
        if params.get("client_id") != fake.client_id:
            return PlainTextResponse("Not Found", status_code=404)
        redirect_uri = params.get("redirect_uri", "")
        state = params.get("state", "")
        if fake.callback_prefix is not None and not redirect_uri.startswith(fake.callback_prefix):
            query = urlencode({"error": "redirect_uri_mismatch", "state": state})
            return RedirectResponse(f"{fake.callback_prefix}?{query}", status_code=302)
        if fake.deny_next:
            fake.deny_next = False
            query = urlencode(
                {
                    "error": "access_denied",
                    "error_description": "The user has denied your application access.",
                    "state": state,
                }
            )
            return RedirectResponse(f"{redirect_uri}?{query}", status_code=302)
        login = fake.authorizing_login
        if login is None:
            return PlainTextResponse("nobody is signed in at the fake GitHub", status_code=400)
        scopes = tuple(s for s in params.get("scope", "").replace(",", " ").split() if s)
        code = fake.new_code(login, redirect_uri, scopes)
        separator = "&" if "?" in redirect_uri else "?"
        return RedirectResponse(f"{redirect_uri}{separator}{urlencode({'code': code, 'state': state})}", 302)

    async def access_token(request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode()))
        accept = request.headers.get("accept", "")
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            decoded = base64.b64decode(header[6:]).decode()
            client_id, _, client_secret = decoded.partition(":")
        if client_id != fake.client_id or client_secret != fake.client_secret:
            return token_json(
                accept,
                {
                    "error": "incorrect_client_credentials",
                    "error_description": "The client_id and/or client_secret passed are incorrect.",
                },
            )
        if form.get("grant_type") == "refresh_token":
            return token_json(accept, refresh(form.get("refresh_token", "")))
        code = fake.codes.get(form.get("code", ""))
        if code is None or code.used or time.time() - code.issued_at > CODE_LIFETIME:
            if code is not None:
                code.used = True
            return token_json(
                accept,
                {"error": "bad_verification_code", "error_description": "The code passed is incorrect or expired."},
            )
        code.used = True
        if form.get("redirect_uri") and form["redirect_uri"] != code.redirect_uri:
            return token_json(
                accept,
                {
                    "error": "redirect_uri_mismatch",
                    "error_description": "The redirect_uri MUST match the registered callback URL.",
                },
            )
        return token_json(accept, grant(code.login, code.scopes))

    def grant(login: str, scopes: tuple[str, ...]) -> dict[str, Any]:
        if fake.kind == "app":
            access = fake.issue_token(login, scopes=None)
            return {
                "access_token": access,
                "expires_in": fake.token_lifetime,
                "refresh_token": fake.issue_refresh(login, access),
                "refresh_token_expires_in": 15_811_200,
                "token_type": "bearer",
                "scope": "",
            }
        access = fake.issue_token(login, scopes=scopes)
        return {"access_token": access, "token_type": "bearer", "scope": ",".join(scopes)}

    def refresh(value: str) -> dict[str, Any]:
        entry = fake.refresh_tokens.pop(value, None)
        if entry is None:
            return {
                "error": "bad_refresh_token",
                "error_description": "The refresh token passed is incorrect or expired.",
            }
        login, old_access = entry
        # Refreshing rotates both: the old access token stops working at once.
        if old_access in fake.tokens:
            fake.revoke(old_access)
        return grant(login, ())

    # ---- REST ------------------------------------------------------------------------------

    async def get_user(request: Request) -> Response:
        given, token = bearer(request)
        if token is None:
            return bad_credentials() if given else api_json(shapes.error("Requires authentication"), 401)
        headers = {} if token.scopes is None else {"X-OAuth-Scopes": ", ".join(token.scopes)}
        user = fake.users[token.login]
        return api_json(shapes.private_user(user, api(request), web(request)), headers=headers)

    def sees(token: FakeToken | None, repo: Any) -> bool:
        login = token.login if token is not None else None
        if not fake.can_read(repo, login):
            return False
        # An OAuth token without `repo` sees no private repository (404, like a missing one).
        return not (repo.private and token is not None and token.scopes is not None and "repo" not in token.scopes)

    def permissions(token: FakeToken, repo: Any) -> dict[str, bool]:
        push = fake.can_push(repo, token.login)
        admin = token.login == repo.owner or repo.collaborators.get(token.login) == "admin"
        return {"admin": admin, "maintain": admin, "push": push, "triage": push, "pull": True}

    async def user_repos(request: Request) -> Response:
        given, token = bearer(request)
        if token is None:
            return bad_credentials() if given else api_json(shapes.error("Requires authentication"), 401)
        visible = sorted(
            (
                r
                for r in fake.repos.values()
                if sees(token, r) and (r.owner == token.login or token.login in r.collaborators)
            ),
            key=lambda r: r.full_name.lower(),
        )
        per_page = min(int(request.query_params.get("per_page", "30")), 100)
        page = max(int(request.query_params.get("page", "1")), 1)
        chunk = visible[(page - 1) * per_page : page * per_page]
        body = [
            shapes.repository(r, fake.users[r.owner], api(request), web(request), permissions=permissions(token, r))
            for r in chunk
        ]
        etag = '"' + hashlib.sha1(json.dumps(body, sort_keys=True).encode()).hexdigest() + '"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={**rate_headers(), "ETag": etag})
        headers = {"ETag": etag, "Cache-Control": "private, max-age=60, s-maxage=60", "Vary": "Accept, Authorization"}
        links = []
        last = max((len(visible) + per_page - 1) // per_page, 1)
        base = f"{api(request)}/user/repos?per_page={per_page}"
        if page < last:
            links += [f'<{base}&page={page + 1}>; rel="next"', f'<{base}&page={last}>; rel="last"']
        if page > 1:
            links += [f'<{base}&page=1>; rel="first"', f'<{base}&page={page - 1}>; rel="prev"']
        if links:
            headers["Link"] = ", ".join(links)
        return api_json(body, headers=headers)

    async def get_repo(request: Request) -> Response:
        given, token = bearer(request)
        if given and token is None:
            return bad_credentials()
        repo = fake.repos.get(f"{request.path_params['owner']}/{request.path_params['repo']}")
        if repo is None or not sees(token, repo):
            return not_found()
        perms = permissions(token, repo) if token is not None else None
        return api_json(shapes.repository(repo, fake.users[repo.owner], api(request), web(request), permissions=perms))

    # ---- git smart HTTP ----------------------------------------------------------------------

    async def git_http(request: Request) -> Response:
        owner, name = request.path_params["owner"], request.path_params["repo"].removesuffix(".git")
        repo = fake.repos.get(f"{owner}/{name}")
        login = git_login(request.headers.get("authorization", ""))
        if login == "":
            return PlainTextResponse(
                "Invalid username or token.", status_code=401, headers={"WWW-Authenticate": 'Basic realm="GitHub"'}
            )
        if repo is None or not fake.can_read(repo, login):
            if login is None:
                # Anonymous: GitHub asks for credentials rather than saying whether it exists.
                return PlainTextResponse("", status_code=401, headers={"WWW-Authenticate": 'Basic realm="GitHub"'})
            return PlainTextResponse("Repository not found.", status_code=404)
        body = await request.body()
        status, headers, payload = await run_in_threadpool(
            http_backend,
            repo.path,
            request.method,
            request.path_params["rest"],
            request.url.query,
            body,
            dict(request.headers),
        )
        return Response(payload, status_code=status, headers=headers)

    def git_login(header: str) -> str | None:
        """None: no credentials; "": bad credentials; else the login of the token."""
        if not header.lower().startswith("basic "):
            return None
        try:
            _user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return ""
        token = fake.tokens.get(password)
        return token.login if token is not None and fake.valid(token) else ""

    routes = [
        Route("/login/oauth/authorize", authorize),
        Route("/login/oauth/access_token", access_token, methods=["POST"]),
        Route("/api/v3/user", get_user),
        Route("/api/v3/user/repos", user_repos),
        Route("/api/v3/repos/{owner}/{repo}", get_repo),
        *git_data_routes(fake),
        Route("/{owner}/{repo}/{rest:path}", git_http, methods=["GET", "POST"]),
    ]
    inner = Starlette(routes=routes)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        """Records each request, then answers with a scripted failure if one is due, else normally."""
        if scope["type"] != "http":
            await inner(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        method, path = scope["method"], scope["path"]
        with fake.lock:
            fake.requests.append((method, path, headers.get("authorization", "")))
        scripted = fake.take_scripted(method, path)

        async def hooked_send(message: Any) -> None:
            # Hooks run before the answer's last byte leaves, so the client's next request always
            # sees what they did (run after the answer, they raced it on a loaded machine).
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                for hook in fake.take_hooks(path):
                    hook()
            await send(message)

        if scripted is not None:
            body = json.dumps(scripted.body).encode() if scripted.body is not None else b""
            response = Response(
                body,
                status_code=scripted.status,
                media_type="application/json",
                headers={**rate_headers(), **scripted.headers},
            )
            await response(scope, receive, hooked_send)
        else:
            await inner(scope, receive, hooked_send)

    return app  # type: ignore[return-value]


def http_backend(
    repo_path: Any, method: str, rest: str, query: str, body: bytes, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    """`git http-backend` for one request against one bare repository."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(repo_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_PROJECT_ROOT": str(repo_path.parent),
        "GIT_HTTP_EXPORT_ALL": "1",
        "REQUEST_METHOD": method,
        "PATH_INFO": f"/{repo_path.name}/{rest}",
        "QUERY_STRING": query,
        "CONTENT_TYPE": headers.get("content-type", ""),
        "CONTENT_LENGTH": str(len(body)),
        "GIT_CONFIG_COUNT": "2",
        "GIT_CONFIG_KEY_0": "uploadpack.allowReachableSHA1InWant",
        "GIT_CONFIG_VALUE_0": "true",
        "GIT_CONFIG_KEY_1": "safe.directory",
        "GIT_CONFIG_VALUE_1": "*",
    }
    if encoding := headers.get("content-encoding"):
        env["HTTP_CONTENT_ENCODING"] = encoding
    if protocol := headers.get("git-protocol"):
        env["HTTP_GIT_PROTOCOL"] = protocol
        env["GIT_PROTOCOL"] = protocol
    done = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True, check=False)
    head, separator, payload = done.stdout.partition(b"\r\n\r\n")
    if not separator:
        head, separator, payload = done.stdout.partition(b"\n\n")
    status, out_headers = 200, {}
    for line in head.decode("latin-1").splitlines():
        name, _, value = line.partition(":")
        if name.lower() == "status":
            status = int(value.strip().split()[0])
        elif name:
            out_headers[name.strip()] = value.strip()
    if done.returncode != 0 and not head:
        return 500, {}, done.stderr
    return status, out_headers, payload
