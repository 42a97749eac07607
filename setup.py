"""The one thing pyproject.toml cannot say: the VBA sources live in the top-level ``macros/``
folder (the project's layout) and ship inside the wheel as the package data ``addin.macros``."""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["jixiao*", "addin*"]), "addin.macros"],
      package_dir={"addin.macros": "macros"})
