"""Every management command of the project ends with a clear message and a non-zero exit status on
bad arguments, and on a database it cannot reach — never with a traceback."""

import pytest
from django.core.management import ManagementUtility
from django.db import connections

from tests.test_settings import run_manage

COMMANDS = ["seed_demo", "publish_scheduled", "import_article", "seed_bench", "make_renditions", "run_worker", "search_reindex"]


@pytest.fixture
def manage(monkeypatch, capsys):
    """Run ``manage.py ARGS…`` in this process as the shell would: (exit status, stdout, stderr)."""
    # A command closes every connection when it ends; the test's transaction must survive that.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    def run(*argv):
        try:
            ManagementUtility(["manage.py", *argv]).execute()
            status = 0
        except SystemExit as exit:
            status = exit.code if isinstance(exit.code, int) else 1
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["seed_demo", "everything"], 2, "unrecognized arguments: everything"),
        (["seed_demo", "--articles", "5"], 2, "unrecognized arguments: --articles 5"),
        (["publish_scheduled", "--interval", "soon"], 2, "argument --interval: invalid float value: 'soon'"),
        (["publish_scheduled", "--loop", "--interval", "-5"], 1, "--interval and --max-rounds cannot be negative."),
        (["publish_scheduled", "--max-rounds", "3"], 1, "--max-rounds only counts the rounds of --loop"),
        (["import_article"], 2, "the following arguments are required: FILE"),
        (["import_article", "copy.txt", "--language", "fr"], 2, "argument --language: invalid choice: 'fr'"),
        (["import_article", "copy.txt", "--user", "ghost"], 1, "No user named “ghost”."),
        (["import_article", "/nonexistent/copy.txt"], 1, "refused. The file cannot be read: No such file or directory."),
        (["seed_bench"], 2, "the following arguments are required: --articles"),
        (["seed_bench", "--articles", "0"], 2, "must be a whole number between 1 and"),
        (["seed_bench", "--articles", "many"], 2, "not 'many'"),
        (["make_renditions", "42"], 2, "unrecognized arguments: 42"),
        (["run_worker", "--interval", "-1"], 1, "--interval cannot be negative."),
        (["run_worker", "--interval", "often"], 2, "argument --interval: invalid float value: 'often'"),
    ],
)
def test_bad_arguments_end_with_a_clear_message_and_a_non_zero_status(manage, argv, status, message):
    code, _out, err = manage(*argv)
    assert code == status
    assert message in err
    assert "Traceback" not in err


@pytest.mark.django_db
def test_seed_bench_refuses_a_database_that_already_has_a_newsroom(manage):
    from tests.factories import PublishedArticleFactory

    PublishedArticleFactory()
    code, _out, err = manage("seed_bench", "--articles", "10")
    assert code == 1
    assert "CommandError:" in err and "--append" in err


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_that_cannot_reach_the_database_says_so_in_one_line(command, tmp_path):
    """A real process, as cron runs it: exit status 1, one clear line, no traceback."""
    args = {"import_article": ["copy.txt"], "seed_bench": ["--articles", "10"]}.get(command, [])
    (tmp_path / "copy.txt").write_text("Water returns to Aleppo\nBy Samer Taha\nThe pumps work again.\n")
    result = run_manage(
        command, *[str(tmp_path / a) if a == "copy.txt" else a for a in args],
        env_overrides={"DATABASE_URL": "postgres://postgres@127.0.0.1:9/newsroom", "CONN_MAX_AGE": "0"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("CommandError: The database failed: ")
    assert "Nothing half-done was kept" in result.stderr
