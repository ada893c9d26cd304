"""Local folders: read in place without touching them, or one ref cloned to a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codedoc.acquire import acquire
from codedoc.errors import InvalidSource, RefNotFound
from repos import commit_all, git, make_repo


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `folder` (including .git) with its mtime and size."""
    found = {}
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        found[str(path.relative_to(folder))] = (info.st_mtime_ns, info.st_size)
    return found


@pytest.fixture
def user_repo(tmp_path: Path) -> Path:
    repo = make_repo({"app/main.py": "print('hi')\n", "README.md": "# App\n"}, tmp_path / "my-app")
    git(repo, "tag", "v0.1")
    (repo / "app" / "more.py").write_text("MORE = 1\n")
    commit_all(repo, "more")
    git(repo, "remote", "add", "origin", "https://alice:s3cret-token@example.com/alice/my-app.git")
    # Uncommitted work the user would hate to lose.
    (repo / "app" / "main.py").write_text("print('work in progress')\n")
    (repo / "notes.txt").write_text("untracked\n")
    return repo


def test_local_folder_is_read_in_place(user_repo: Path) -> None:
    with acquire(str(user_repo)) as checkout:
        assert checkout.root == user_repo.resolve()
        assert not checkout.temporary
        assert (checkout.root / "notes.txt").read_text() == "untracked\n"


def test_local_folder_records_commit_branch_and_origin(user_repo: Path) -> None:
    with acquire(str(user_repo)) as checkout:
        assert checkout.commit_sha == git(user_repo, "rev-parse", "HEAD")
        assert checkout.ref == "main"
        assert checkout.default_branch == "main"
        assert checkout.name == "my-app"


def test_local_origin_is_recorded_without_credentials(user_repo: Path) -> None:
    with acquire(str(user_repo)) as checkout:
        assert checkout.source_url == "https://example.com/alice/my-app.git"
        assert "s3cret" not in repr(checkout)


def test_local_checkout_is_never_modified(user_repo: Path) -> None:
    status_before = git(user_repo, "status", "--porcelain")
    files_before = _snapshot(user_repo)
    with acquire(str(user_repo)):
        pass
    with acquire(str(user_repo), ref="v0.1"):
        pass
    assert _snapshot(user_repo) == files_before
    assert git(user_repo, "status", "--porcelain") == status_before
    assert git(user_repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"


def test_folder_without_git_is_read_without_commit(tmp_path: Path) -> None:
    folder = make_repo({"a.py": "A = 1\n"}, tmp_path / "plain", git_init=False)
    with acquire(str(folder)) as checkout:
        assert checkout.root == folder.resolve()
        assert checkout.commit_sha is None
        assert checkout.source_url is None


def test_missing_path_is_invalid_source(tmp_path: Path) -> None:
    with pytest.raises(InvalidSource, match="no such folder"), acquire(str(tmp_path / "nope")):
        pass


def test_file_instead_of_folder_is_invalid_source(tmp_path: Path) -> None:
    (tmp_path / "file.py").write_text("x = 1\n")
    with pytest.raises(InvalidSource, match="is a file, not a folder"), acquire(str(tmp_path / "file.py")):
        pass


def test_owner_repo_on_the_command_line_is_not_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidSource, match=r"https://github\.com/psf/requests"), acquire("psf/requests"):
        pass


@pytest.mark.parametrize(
    ("ref", "present", "absent"),
    [
        ("v0.1", "app/main.py", "app/more.py"),
        ("main", "app/more.py", "notes.txt"),
    ],
)
def test_local_ref_is_cloned_to_a_temporary_folder(
    user_repo: Path, work_dir: Path, ref: str, present: str, absent: str
) -> None:
    with acquire(str(user_repo), ref=ref, work_dir=work_dir) as checkout:
        assert checkout.temporary
        assert work_dir in checkout.root.parents
        assert (checkout.root / present).is_file()
        assert not (checkout.root / absent).exists()
        assert checkout.ref == ref
        assert checkout.commit_sha == git(user_repo, "rev-parse", f"{ref}^{{commit}}")
    assert list(work_dir.iterdir()) == []


def test_local_ref_accepts_a_short_commit_sha(user_repo: Path, work_dir: Path) -> None:
    first = git(user_repo, "rev-parse", "v0.1^{commit}")
    with acquire(str(user_repo), ref=first[:8], work_dir=work_dir) as checkout:
        assert checkout.commit_sha == first
        assert (checkout.root / "app" / "main.py").read_text() == "print('hi')\n"


def test_local_ref_of_a_subfolder_yields_that_subfolder(user_repo: Path, work_dir: Path) -> None:
    with acquire(str(user_repo / "app"), ref="main", work_dir=work_dir) as checkout:
        assert checkout.root.name == "app"
        assert (checkout.root / "more.py").is_file()


def test_local_bad_ref_is_ref_not_found(user_repo: Path, work_dir: Path) -> None:
    with pytest.raises(RefNotFound, match="no-such-branch"), acquire(str(user_repo), ref="no-such-branch"):
        pass
    assert list(work_dir.iterdir()) == []


def test_local_ref_that_looks_like_an_option_is_refused(user_repo: Path) -> None:
    with pytest.raises(RefNotFound, match="not a valid"), acquire(str(user_repo), ref="--output=/tmp/x"):
        pass


def test_ref_on_a_folder_without_git_is_invalid_source(tmp_path: Path) -> None:
    folder = make_repo({"a.py": "A = 1\n"}, tmp_path / "plain", git_init=False)
    with pytest.raises(InvalidSource, match="not one"), acquire(str(folder), ref="main"):
        pass


def test_temporary_clone_is_removed_when_the_block_raises(user_repo: Path, work_dir: Path) -> None:
    with pytest.raises(RuntimeError), acquire(str(user_repo), ref="main", work_dir=work_dir) as checkout:
        assert checkout.root.is_dir()
        raise RuntimeError("analysis failed")
    assert list(work_dir.iterdir()) == []


@pytest.mark.parametrize(
    "source",
    [
        "ssh://git@example.com/acme/widget.git",
        "git://example.com/acme/widget.git",
        "git@example.com:acme/widget.git",
        "ftp://example.com/acme/widget.git",
    ],
)
def test_unsupported_schemes_are_invalid_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidSource, match="not supported"), acquire(source):
        pass


def test_ext_transport_is_refused_and_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "pwned"
    with pytest.raises(InvalidSource, match="remote helpers"), acquire(f"ext::sh -c touch% {marker}"):
        pass
    assert not marker.exists()


def test_credentials_in_a_command_line_url_are_refused() -> None:
    with pytest.raises(InvalidSource, match="credentials") as caught, acquire("https://bob:hunter2@example.com/o/r"):
        pass
    assert "hunter2" not in str(caught.value)


def test_file_url_is_cloned(user_repo: Path, work_dir: Path) -> None:
    with acquire(user_repo.as_uri(), work_dir=work_dir) as checkout:
        assert checkout.commit_sha == git(user_repo, "rev-parse", "HEAD")
        assert (checkout.root / "app" / "more.py").is_file()
        assert not (checkout.root / "notes.txt").exists()
    assert list(work_dir.iterdir()) == []
    assert os.listdir(user_repo)  # still there, untouched
