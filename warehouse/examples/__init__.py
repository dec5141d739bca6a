"""Named example queries over the public views, shipped as ``.sql`` files beside this module.

    jobtrends sql --list-examples
    jobtrends sql --example headline_cloud_container

Each file opens with a comment saying what it answers; its first line is the summary that
``--list-examples`` prints. Copy one and edit it, then run it with ``jobtrends sql --file``.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def example_names() -> list[str]:
    """Every example's name (its file name without ``.sql``), sorted."""
    return sorted(p.stem for p in HERE.glob("*.sql"))


def example_path(name: str) -> Path:
    """The file of example ``name`` (``KeyError`` when there is none)."""
    path = HERE / f"{name.removesuffix('.sql')}.sql"
    if not path.is_file():
        raise KeyError(name)
    return path


def example_header(name: str) -> str:
    """The example's opening comment, without the ``--`` markers."""
    lines = []
    for line in example_path(name).read_text().splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return "\n".join(lines).strip()


def example_summary(name: str) -> str:
    """The first line of the example's opening comment: what it answers."""
    return example_header(name).split("\n", 1)[0]
