"""The names code imports a declared dependency by: `PyYAML` is imported as `yaml`."""

from __future__ import annotations

import re

from codedoc.model import Dependency

# Distributions whose import name is not their normalised name. Keys are normalised
# (lower-case, `-`/`_`/`.` runs → `-`), the PEP 503 way.
_PYPI_IMPORT_NAMES: dict[str, tuple[str, ...]] = {
    "pyyaml": ("yaml",),
    "beautifulsoup4": ("bs4",),
    "pillow": ("PIL",),
    "scikit-learn": ("sklearn",),
    "scikit-image": ("skimage",),
    "opencv-python": ("cv2",),
    "opencv-python-headless": ("cv2",),
    "opencv-contrib-python": ("cv2",),
    "python-dateutil": ("dateutil",),
    "python-dotenv": ("dotenv",),
    "python-multipart": ("multipart", "python_multipart"),
    "python-jose": ("jose",),
    "python-slugify": ("slugify",),
    "python-magic": ("magic",),
    "python-telegram-bot": ("telegram",),
    "python-ldap": ("ldap",),
    "pyjwt": ("jwt",),
    "protobuf": ("google.protobuf",),
    "grpcio": ("grpc",),
    "attrs": ("attr", "attrs"),
    "psycopg2-binary": ("psycopg2",),
    "psycopg-binary": ("psycopg",),
    "pyzmq": ("zmq",),
    "pyserial": ("serial",),
    "pyusb": ("usb",),
    "pygithub": ("github",),
    "gitpython": ("git",),
    "mysqlclient": ("MySQLdb",),
    "pycryptodome": ("Crypto",),
    "pycryptodomex": ("Cryptodome",),
    "pyopenssl": ("OpenSSL",),
    "setuptools": ("setuptools", "pkg_resources"),
    "djangorestframework": ("rest_framework",),
    "django-cors-headers": ("corsheaders",),
    "django-environ": ("environ",),
    "faiss-cpu": ("faiss",),
    "faiss-gpu": ("faiss",),
    "websocket-client": ("websocket",),
    "markdown-it-py": ("markdown_it",),
    "opensearch-py": ("opensearchpy",),
    "pymongo": ("pymongo", "bson", "gridfs"),
    "dnspython": ("dns",),
    "pysocks": ("socks",),
    "pyinstaller": ("PyInstaller",),
    "google-api-python-client": ("googleapiclient",),
    "google-cloud-storage": ("google.cloud.storage",),
    "google-cloud-bigquery": ("google.cloud.bigquery",),
    "llama-cpp-python": ("llama_cpp",),
    "discord-py": ("discord",),
    "ruamel-yaml": ("ruamel.yaml",),
    "msgpack-python": ("msgpack",),
    "pywin32": ("win32api", "win32con", "pywintypes"),
    "tensorflow-gpu": ("tensorflow",),
    "tensorflow-cpu": ("tensorflow",),
    "pyside6": ("PySide6",),
    "pyqt5": ("PyQt5",),
    "pyqt6": ("PyQt6",),
    "docker-py": ("docker",),
}


def _pep503(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def import_names_for(dependency: Dependency) -> tuple[str, ...]:
    """Module names that, when imported, mean this dependency is used."""
    name = dependency.name.strip()
    if not name:
        return ()
    if dependency.ecosystem == "pypi":
        normalised = _pep503(name)
        known = _PYPI_IMPORT_NAMES.get(normalised)
        if known is not None:
            return known
        # `zope.interface` is imported by its dotted name; `pydantic-settings` as `pydantic_settings`.
        return (re.sub(r"[-_]+", "_", name.lower()),)
    if dependency.ecosystem == "cargo":
        return (name.replace("-", "_"),)
    if dependency.ecosystem == "maven":
        group = name.split(":", 1)[0]
        # Java imports are packages; the group id is usually their prefix (the resolver keeps two segments).
        return tuple(dict.fromkeys((group, ".".join(group.split(".")[:2]))))
    # npm packages are imported by their own name, Go modules by their module path (a prefix).
    return (name,)
