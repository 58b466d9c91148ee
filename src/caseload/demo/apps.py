from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo practice and the synthetic data generator (`caseload demo`, `caseload
    synth`): on top of every other app, since it fills them all."""

    name = "caseload.demo"
    label = "demo"
    verbose_name = "Demo practice"
