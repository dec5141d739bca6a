"""The README is the front door: it must describe every command, option and setting there is."""

from __future__ import annotations

import re

import click
import typer.main

from flows.cli import app
from flows.settings import Settings
from tests.conftest import REPO

README = (REPO / "README.md").read_text()


def _commands() -> dict[str, click.Command]:
    root = typer.main.get_command(app)
    found: dict[str, click.Command] = {}

    def walk(group: click.Group, prefix: str) -> None:
        for name, cmd in group.commands.items():
            if isinstance(cmd, click.Group):
                walk(cmd, f"{prefix}{name} ")
            else:
                found[f"{prefix}{name}"] = cmd

    walk(root, "")  # type: ignore[arg-type]
    return found


def test_quickstart_has_exactly_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quickstart, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


def test_every_command_and_option_is_documented() -> None:
    for name, cmd in _commands().items():
        assert f"jobtrends {name}" in README, f"command `jobtrends {name}` missing from README"
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"option {opt} of `jobtrends {name}` missing from README"


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"`JOBTRENDS_{name.upper()}`" in README, f"JOBTRENDS_{name.upper()} not in README"


def test_every_view_is_documented() -> None:
    views = re.findall(r"create or replace view main\.(\w+)", "".join(
        p.read_text() for p in sorted((REPO / "warehouse" / "views").glob("*.sql"))
    ))  # fmt: skip
    assert views
    for view in views:
        assert f"`{view}`" in README, f"view {view} missing from README"


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text()
