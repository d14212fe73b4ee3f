from django.apps import AppConfig


class BenchrefConfig(AppConfig):
    name = "tests.benchref"
    label = "benchref"
