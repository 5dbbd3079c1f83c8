"""The cache of loaded policies: used when it holds the file, never trusted otherwise."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import ivb
from ivb import _cache, _convert


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(_cache.ENV, str(folder))
    return folder


@pytest.fixture
def policy_file(tmp_path: Path, mini_text: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(mini_text, encoding="utf-8")
    return path


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("policy-*.pickle"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("parsed although the cache holds the file")

    monkeypatch.setattr(_convert, "structure_policy", refuse)


def test_second_load_comes_from_the_cache(
    cache: Path, policy_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ivb.load(policy_file)
    assert len(_entries(cache)) == 1
    _no_parsing(monkeypatch)
    second = ivb.load(policy_file)
    assert second == first
    assert second is not first
    # the index of ids comes back whole
    assert second.ids() == first.ids()
    assert second.get(first.themes[0].id) == first.themes[0]


def test_a_changed_file_is_parsed_again(cache: Path, policy_file: Path) -> None:
    first = ivb.load(policy_file)
    text = policy_file.read_text(encoding="utf-8")
    policy_file.write_text(text.replace(first.title, "Een ander beleid", 1), encoding="utf-8")
    second = ivb.load(policy_file)
    assert second.title == "Een ander beleid"
    assert len(_entries(cache)) == 2


def test_a_broken_file_is_not_cached(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ivb.PolicyValidationError):
            ivb.load(bad)
    assert _entries(cache) == []


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps({"a": 1})])
def test_a_corrupt_entry_is_a_miss(cache: Path, policy_file: Path, content: bytes) -> None:
    first = ivb.load(policy_file)
    (entry,) = _entries(cache)
    entry.write_bytes(content)
    assert ivb.load(policy_file) == first
    # and the entry is written anew
    assert ivb.load(policy_file) == first
    assert entry.read_bytes() != content


def test_an_unwritable_cache_is_no_error(
    tmp_path: Path, policy_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(_cache.ENV, str(blocker / "cache"))
    assert ivb.load(policy_file) == ivb.load(policy_file)


def test_the_cache_can_be_turned_off(
    tmp_path: Path, policy_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_cache.ENV, "off")
    monkeypatch.chdir(tmp_path)
    assert _cache.cache_dir() is None
    ivb.load(policy_file)
    assert not list(tmp_path.rglob("*.pickle"))


def test_where_the_cache_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _cache.cache_dir() == tmp_path / "ivb"
    monkeypatch.setenv(_cache.ENV, str(tmp_path / "elsewhere"))
    assert _cache.cache_dir() == tmp_path / "elsewhere"


def test_the_key_changes_with_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _cache._key(b"text")
    assert _cache._key(b"text") == before
    assert _cache._key(b"text.") != before
    monkeypatch.setattr(_cache, "__version__", "99.0")
    assert _cache._key(b"text") != before


def test_old_entries_are_removed(cache: Path, policy_file: Path, mini_text: str) -> None:
    for i in range(_cache.MAX_ENTRIES + 3):
        policy_file.write_text(mini_text + f"\n# {i}\n", encoding="utf-8")
        ivb.load(policy_file)
    assert len(_entries(cache)) == _cache.MAX_ENTRIES
    # written atomically: no temporary files stay behind
    assert sorted(cache.iterdir()) == _entries(cache)


def test_the_bundled_policy_from_the_cache_equals_a_fresh_parse(cache: Path) -> None:
    ivb._io._bundled.cache_clear()
    try:
        cached = ivb.load()
        assert _entries(cache)
        ivb._io._bundled.cache_clear()
        again = ivb.load()
        text = (Path(ivb.__file__).parent / "data" / ivb._io.BUNDLED).read_text(encoding="utf-8")
        assert again == cached == ivb.loads(text)
    finally:
        ivb._io._bundled.cache_clear()


def test_the_version_is_the_package_version() -> None:
    from importlib.metadata import version

    assert ivb.__version__ == version("ivb")
