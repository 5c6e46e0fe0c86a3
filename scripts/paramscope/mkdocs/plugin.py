"""The entry point of installs made before the plugin split (`paramscope.mkdocs.plugin:ParamscopePlugin`); a
`pip install -e .` registers paramscope.mkdocs.generator.plugin instead, after which this module can go."""
from paramscope.mkdocs.generator.plugin import ParamscopePlugin  # noqa: F401
