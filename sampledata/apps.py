from django.apps import AppConfig


class SampleDataConfig(AppConfig):
    """The demo content (the Weihai 2025 article) and the synthetic data for benchmarks."""

    name = "sampledata"
    verbose_name = "Sample data"
