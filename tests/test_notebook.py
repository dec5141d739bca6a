"""notebooks/explore.ipynb runs top to bottom, read-only, on a small warehouse built by the real
loaders from synthetic HN-like postings, and on an empty one.

The kernel inherits this process's environment: ``JOBTRENDS_DB`` points it at the temporary
warehouse and ``MPLBACKEND=Agg`` makes matplotlib headless, as in CI.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

from extract.base import Posting, content_hash
from transform.facts import extract_facts
from transform.taxonomy import load_taxonomy
from warehouse.db import connect
from warehouse.load import load_postings, record_taxonomy

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"

# (period, HN comment HTML): 12 invented postings over three months. In 2024-03 three are backend
# (two mention a cloud), one is Android work.
POSTINGS = [
    ("2024-01", "Quarry Lane Software | Backend Engineer | Berlin | ONSITE<p>We build billing APIs in Go on AWS (EKS, RDS). Docker and Terraform everywhere.<p>Write to jobs@quarrylane.example"),
    ("2024-01", "Pebblebrook Health | Senior Software Engineer | Remote (US)<p>Python and Postgres. We deploy on Google Cloud with Kubernetes.<p>Apply: <a href=\"https:&#x2F;&#x2F;pebblebrook.example&#x2F;careers&#x2F;senior-software-engineer\">https:&#x2F;&#x2F;pebblebrook.example&#x2F;careers&#x2F;sen...</a>"),
    ("2024-01", "Lumen Kitchens | iOS Engineer | Austin<p>Swift, SwiftUI and a love of food.<p>We&#x27;re small and friendly."),
    ("2024-01", "Northgate Freight | Full-stack Developer | Remote<p>Ruby on Rails and React, hosted on Heroku."),
    ("2024-02", "Saltmarsh Analytics | Backend Engineers | London | Hybrid<p>Kotlin services on Azure, fed by Kafka. Everything ships in Docker containers."),
    ("2024-02", "Orchard Payments | API Engineer | NYC<p>Node.js, TypeScript, MySQL. Self-hosted in our own data center."),
    ("2024-02", "Juniper Row | Hiring | Remote<p>Tell us what you like building."),
    ("2024-02", "Ferncliff Robotics | Platform Engineer | Boston<p>Kubernetes, Helm and ArgoCD on AWS. We&#x27;re hiring two."),
    ("2024-03", "Tidewater Labs | Backend Engineer | Remote (EU)<p>Elixir and Postgres on AWS; our jobs run on ECS with Fargate."),
    ("2024-03", "Cobalt Ledger | Senior Software Engineer | Toronto<p>We write Go and deploy to GCP with GKE &amp; Cloud Run."),
    ("2024-03", "Marigold Learning | Backend Developer | Remote<p>PHP&#x2F;Laravel, MySQL, Redis. Our servers live in a colo in Lisbon."),
    ("2024-03", "Hollow Pine Games | Android Engineer | Seattle<p>Kotlin and Jetpack Compose, shipping to millions of phones."),
]  # fmt: skip


def hn_posting(i: int, period: str, html: str) -> Posting:
    """The i-th HN comment of a fixture: its thread month and HTML."""
    return Posting(
        source="hn",
        source_id=str(40_000_000 + i),
        url=f"https://news.ycombinator.com/item?id={40_000_000 + i}",
        period=period,
        posted_at=datetime.fromisoformat(f"{period}-02T15:00:00").replace(tzinfo=UTC),
        html=html,
        content_hash=content_hash({"text": html}),
        author=f"user{i}",
        thread_id=f"thread-{period}",
    )


# (period, title, description HTML): 3 postings of one Ashby board, to compare sources.
BOARD_POSTINGS = [
    ("2024-02", "Backend Engineer", "<p>Requirements: Go, AWS and Terraform.</p>"),
    ("2024-03", "Senior Backend Engineer", "<p>Requirements: Python on GCP, Kubernetes.</p>"),
    ("2024-03", "Backend Engineer, Payments", "<p>Requirements: Java and PostgreSQL.</p>"),
]


def _board_posting(i: int, period: str, title: str, html: str) -> Posting:
    return Posting(
        source="ashby",
        source_id=f"brightwater/{i}",
        url=f"https://jobs.ashbyhq.com/brightwater/{i}",
        period=period,
        posted_at=datetime.fromisoformat(f"{period}-05T09:00:00").replace(tzinfo=UTC),
        html=html,
        content_hash=content_hash({"text": html, "title": title}),
        title=title,
        company="Brightwater",
        board="brightwater",
    )


def build_warehouse(
    path: Path, postings: list[tuple[str, str]], board: list[tuple[str, str, str]] = ()
) -> None:
    """A warehouse at ``path`` loaded the way the flows load it (empty when ``postings`` is)."""
    taxonomy = load_taxonomy()
    parsed = [hn_posting(i, period, html) for i, (period, html) in enumerate(postings)]
    parsed += [_board_posting(i, *row) for i, row in enumerate(board)]
    with connect(path) as con:
        record_taxonomy(con, taxonomy)
        load_postings(con, [(p, extract_facts(p, taxonomy)) for p in parsed], [], run_id="test")


def _kernel_runs(executable: str) -> bool:
    try:
        argv = KernelSpecManager().get_kernel_spec("python3").argv
    except NoSuchKernel:
        return False
    major, minor = sys.version_info[:2]
    # jupyter_client launches a bare "python"/"pythonX"/"pythonX.Y" as sys.executable.
    if argv[0] in {"python", f"python{major}", f"python{major}.{minor}"}:
        return True
    return os.path.abspath(argv[0]) == os.path.abspath(executable)


@pytest.fixture
def kernel_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Headless matplotlib, and a ``python3`` kernel that runs this interpreter (the venv's)."""
    monkeypatch.setenv("MPLBACKEND", "Agg")
    if not _kernel_runs(sys.executable):
        spec_dir = tmp_path / "jupyter" / "kernels" / "python3"
        spec_dir.mkdir(parents=True)
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        spec = {"argv": argv, "display_name": "Python 3 (jobtrends venv)", "language": "python"}
        (spec_dir / "kernel.json").write_text(json.dumps(spec))
        monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
        assert _kernel_runs(sys.executable)


def run_notebook(monkeypatch: pytest.MonkeyPatch, db: Path) -> list[dict[str, Any]]:
    """Execute the notebook against ``db``; return every output of every code cell."""
    monkeypatch.setenv("JOBTRENDS_DB", str(db))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    return outputs


def _text(outputs: list[dict[str, Any]]) -> str:
    parts = []
    for out in outputs:
        if out.get("output_type") == "stream":
            parts.append(out["text"])
        elif "data" in out:
            parts.append(out["data"].get("text/plain", ""))
    return "\n".join(parts)


def test_notebook_charts_and_drills_into_the_latest_month(
    kernel_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "warehouse.duckdb"
    build_warehouse(db, POSTINGS, BOARD_POSTINGS)
    before = db.stat().st_mtime_ns

    outputs = run_notebook(monkeypatch, db)

    assert any("image/png" in out.get("data", {}) for out in outputs)
    text = _text(outputs)
    assert "15 postings in 3 months" in text
    assert "2024-03, cloud:" in text  # the latest point, in words
    assert "Tidewater Labs" in text  # a posting behind it, with its evidence
    assert "ECS with Fargate" in text
    assert "Marigold Learning" in text  # a backend posting that mentions no cloud
    # sources compared: the Ashby board's latest month, 1 of 2 backend postings on a cloud
    assert "ashby, 2024-03: 1 of 2 backend postings demand cloud = 50%" in text
    assert "ashby has postings only from 2024-02 on" in text  # the source-mix note
    assert db.stat().st_mtime_ns == before  # the notebook only reads


def test_notebook_on_an_empty_warehouse_explains_and_skips_the_chart(
    kernel_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "empty.duckdb"
    build_warehouse(db, [])

    outputs = run_notebook(monkeypatch, db)

    assert not any("image/png" in out.get("data", {}) for out in outputs)
    assert "no postings yet" in _text(outputs)


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
