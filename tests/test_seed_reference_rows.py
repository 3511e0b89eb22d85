"""What `cbmbot seed` may overwrite. Reference events can be edited by organisers (/event edit, imports), so
the seed remembers what it last wrote and keeps local edits (events.seed_values). The other rows it writes,
CBMs and countries with their names, have no other writer: no chat command, CLI command or service changes
them, so there is no local edit to keep. This test holds that true; a new way to edit them must first give
them the same memory as events (see ReferenceService._event)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from bot.commands import REGISTRY
from storage import repositories

ROOT = Path(__file__).resolve().parent.parent
SEEDED_ONLY = {"Cbm", "Country", "CountryName"}
SEEDER = ROOT / "bot" / "services" / "reference.py"


def _writes(tree: ast.AST) -> list[str]:
    """Rows of the seeded-only models made (Model(...)) or written (insert/update/delete(Model))."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in SEEDED_ONLY:
            found.append(f"{name}(...) at line {node.lineno}")
        if name in {"insert", "update", "delete"} and node.args:
            target = node.args[0]
            model = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
            if model in SEEDED_ONLY:
                found.append(f"{name}({model}) at line {node.lineno}")
    return found


def test_only_the_seed_writes_cbms_and_countries():
    offenders = {}
    for folder in ("bot", "cogs", "calendars"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == SEEDER:
                continue
            writes = _writes(ast.parse(path.read_text(), str(path)))
            if writes:
                offenders[str(path.relative_to(ROOT))] = writes
    assert not offenders, f"CBMs and countries are changed outside the seed: {offenders}"
    assert _writes(ast.parse(SEEDER.read_text())), "the check must see the seed's own writes"


def test_the_cbm_and_country_repositories_only_read():
    for cls in (repositories.CbmRepository, repositories.CountryRepository):
        source = inspect.getsource(cls)
        for verb in (".add(", "insert(", "update(", "delete(", ".flush(", ".merge("):
            assert verb not in source, f"{cls.__name__} writes ({verb})"


def test_no_command_edits_cbms_or_countries():
    """`/cbm` and `/country` only show; nothing else is named after them."""
    names = sorted(REGISTRY.commands)
    assert [n for n in names if n.split()[0] in {"cbm", "country", "countries", "cbms"}] == ["cbm", "country"]
