"""Artifact storage on a local folder and on S3 (moto): the same behaviour from both."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from service_backends import s3_environment

from codedoc.service.storage import ArtifactStorage, LocalStorage, StorageError, create_storage, safe_relative_key


@pytest.fixture(params=["local", "s3"])
def storage(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ArtifactStorage]:
    if request.param == "local":
        yield create_storage(str(tmp_path / "store"))
        return
    endpoint = request.getfixturevalue("s3_endpoint")
    s3_environment(monkeypatch)
    yield create_storage(f"s3://codedoc-test/{uuid.uuid4().hex}", s3_endpoint_url=endpoint)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "docs" / "api").mkdir(parents=True)
    (folder / "documentation.md").write_text("# Docs\n")
    (folder / "docs" / "index.md").write_text("# Index\n")
    (folder / "docs" / "api" / "x.md").write_text("# X\n")
    return folder


def test_stored_tree_reads_back_file_by_file(storage: ArtifactStorage, site: Path) -> None:
    storage.put_tree("jobs/a/1", site)
    assert storage.read("jobs/a/1/docs/api/x.md") == b"# X\n"
    assert storage.list_tree("jobs/a/1") == ["docs/api/x.md", "docs/index.md", "documentation.md"]


def test_missing_key_reads_as_none(storage: ArtifactStorage) -> None:
    assert storage.read("jobs/none/file.md") is None


def test_delete_tree_removes_only_that_job(storage: ArtifactStorage, site: Path) -> None:
    storage.put_tree("jobs/a/1", site)
    storage.put_tree("jobs/b/1", site)
    storage.delete_tree("jobs/a")
    assert storage.list_tree("jobs/a") == []
    assert storage.read("jobs/b/1/documentation.md") == b"# Docs\n"


def test_deleting_nothing_is_fine(storage: ArtifactStorage) -> None:
    storage.delete_tree("jobs/never")


def test_reachable_storage_passes_its_check(storage: ArtifactStorage) -> None:
    storage.check()


def test_missing_bucket_fails_the_check(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    s3_environment(monkeypatch)
    with pytest.raises(StorageError, match="no-such-bucket"):
        create_storage("s3://no-such-bucket/x", s3_endpoint_url=s3_endpoint).check()


def test_symlink_in_a_site_is_not_stored(tmp_path: Path, site: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (site / "docs" / "leak.md").symlink_to(secret)
    storage = LocalStorage(tmp_path / "store")
    storage.put_tree("jobs/a/1", site)
    assert "docs/leak.md" not in storage.list_tree("jobs/a/1")


def test_local_key_cannot_leave_the_store(tmp_path: Path) -> None:
    with pytest.raises(StorageError):
        LocalStorage(tmp_path / "store").read("../../etc/passwd")


@pytest.mark.parametrize(
    "path",
    ["../x.md", "docs/../../x", "/etc/passwd", "docs\\x.md", "docs/.hidden", "a\x00b", "", "docs//x.md", "-rf"],
)
def test_unsafe_site_paths_are_refused(path: str) -> None:
    assert safe_relative_key(path) is None


def test_plain_site_path_is_accepted() -> None:
    assert safe_relative_key("docs/api/module-a_b.md") == "docs/api/module-a_b.md"
