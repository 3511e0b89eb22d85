"""The layering that docs/architecture.md describes, checked on every file's imports (also the lazy ones)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# package -> module prefixes it must never import
FORBIDDEN = {
    "storage": ("bot", "cogs", "calendars", "discord"),
    "bot/services": ("discord", "cogs", "calendars", "bot.commands", "bot.console", "bot.cli",
                     "bot.discord_client", "bot.runner", "bot.reminders.dispatcher"),
    "bot/reminders": ("discord", "cogs", "calendars", "bot.commands", "bot.console", "bot.cli",
                      "bot.discord_client", "bot.runner"),
    "bot/commchecks": ("discord", "cogs", "calendars", "bot.commands", "bot.console", "bot.cli",
                       "bot.discord_client", "bot.runner"),
    "bot/commands": ("discord", "cogs", "calendars", "sqlalchemy", "storage.repositories", "storage.engine"),
    "cogs": ("sqlalchemy", "storage.repositories", "storage.engine", "storage.migrate"),
    "calendars": ("discord", "cogs", "sqlalchemy", "storage.engine", "storage.migrate"),
}  # fmt: skip


def imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_import_only_downwards(package):
    offences = []
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"no files under {package}"
    for path in files:
        for name in imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[package]):
                offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []


def test_the_check_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from discord import Embed\n")
    assert imports(sample) == ["discord"]


def test_the_reminders_package_has_no_long_function():
    """bot/reminders and its SQL in storage: one concern per module, no function over 80 lines."""
    files = [*sorted((ROOT / "bot" / "reminders").glob("*.py")), ROOT / "storage" / "deliveries.py"]
    files.append(ROOT / "storage" / "leases.py")
    long = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > 80:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({size} lines)")
    assert not long, long
