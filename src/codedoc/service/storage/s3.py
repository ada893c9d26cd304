"""Artifacts on S3 or any S3-compatible store (MinIO, moto)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from codedoc.service.storage.base import StorageError, files_below


class S3Storage:
    """Each finished attempt is written under its own prefix and made visible by the job row, so no
    reader sees a half-uploaded site (S3 has no rename)."""

    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self._client: Any = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=30),
        )

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def put_tree(self, prefix: str, folder: Path) -> None:
        try:
            for relative, path in files_below(folder):
                self._client.upload_file(str(path), self.bucket, self._key(f"{prefix}/{relative}"))
        except (BotoCoreError, ClientError) as error:
            raise StorageError(f"uploading to s3://{self.bucket} failed: {error}") from error

    def read(self, key: str) -> bytes | None:
        try:
            response = self._client.get_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return None
            raise StorageError(f"reading from s3://{self.bucket} failed: {error}") from error
        except BotoCoreError as error:
            raise StorageError(f"reading from s3://{self.bucket} failed: {error}") from error
        body: bytes = response["Body"].read()
        return body

    def list_tree(self, prefix: str) -> list[str]:
        base = self._key(prefix).rstrip("/") + "/"
        keys: list[str] = []
        try:
            for page in self._client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=base):
                keys.extend(item["Key"].removeprefix(base) for item in page.get("Contents", []))
        except (BotoCoreError, ClientError) as error:
            raise StorageError(f"listing s3://{self.bucket} failed: {error}") from error
        return sorted(keys)

    def delete_tree(self, prefix: str) -> None:
        base = self._key(prefix).rstrip("/") + "/"
        try:
            for page in self._client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=base):
                objects = [{"Key": item["Key"]} for item in page.get("Contents", [])]
                if objects:
                    self._client.delete_objects(Bucket=self.bucket, Delete={"Objects": objects, "Quiet": True})
        except (BotoCoreError, ClientError) as error:
            raise StorageError(f"deleting from s3://{self.bucket} failed: {error}") from error

    def check(self) -> None:
        try:
            self._client.head_bucket(Bucket=self.bucket)
        except (BotoCoreError, ClientError) as error:
            raise StorageError(f"the bucket s3://{self.bucket} cannot be reached: {error}") from error
