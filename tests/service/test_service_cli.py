"""`codedoc serve`, `codedoc worker` and `codedoc db` from the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
from click.testing import CliRunner

from codedoc.cli import main


def _env(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CODEDOC_")}
    env.pop("DATABASE_URL", None)
    return {**env, "CODEDOC_DATA_DIR": str(data_dir), "CODEDOC_LOG_FORMAT": "text"}


def test_db_upgrade_creates_the_database(tmp_path: Path, monkeypatch: object) -> None:
    result = CliRunner().invoke(main, ["db", "upgrade"], env={"CODEDOC_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert "database at revision 0007" in result.output
    assert (tmp_path / "codedoc.db").exists()


def test_invalid_settings_are_one_clear_line(tmp_path: Path) -> None:
    env = {"CODEDOC_DATA_DIR": str(tmp_path), "CODEDOC_WORKERS": "0"}
    result = CliRunner().invoke(main, ["db", "upgrade"], env=env)
    assert result.exit_code != 0
    assert "invalid settings: workers" in result.output


def test_serve_prints_its_address_and_answers(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "codedoc", "serve", "--port", "0"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = None
        for line in process.stdout:
            found = re.search(r"CodeDoc API \+ worker \(\d+ job threads\) on http://127\.0\.0\.1:(\d+)", line)
            if found:
                port = found.group(1)
                break
        assert port is not None
        # The socket is listening before the line is printed: the request waits in its backlog.
        response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=60)
        assert response.json()["status"] == "healthy"
    finally:
        process.terminate()
        process.wait(timeout=30)
