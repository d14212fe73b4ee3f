"""What gunicorn's master loads before forking the web workers (portal.warmup)."""

from django.db import connections
from django.template import engines

from portal.management.commands.check_templates import template_files
from portal.warmup import warm


def test_warm_compiles_every_template_and_leaves_no_connection_to_inherit():
    compiled = warm()
    assert compiled == len(list(template_files()))
    loader = engines["django"].engine.template_loaders[0]
    assert "base.html" in {key.split("-")[0] for key in loader.get_template_cache}
    assert all(conn.connection is None for conn in connections.all(initialized_only=True))


def test_gunicorn_loads_the_application_before_forking():
    from pathlib import Path

    config = {}
    exec((Path(__file__).resolve().parents[2] / "gunicorn.conf.py").read_text(), config)
    assert config["preload_app"] is True
    assert config["worker_class"] == "gthread"
