"""What the wheel holds: every package of newsdesk and claims (discovered, so that no
new module is left out), and the top-level templates/ and static/ as the package data
newsdesk/templates and newsdesk/static, where settings look for them once installed.
Everything else about the project is in pyproject.toml."""

from __future__ import annotations

from setuptools import find_packages, setup

ASSETS = {"newsdesk.templates": "templates", "newsdesk.static": "static"}

setup(
    packages=[*find_packages(include=["newsdesk", "newsdesk.*", "claims", "claims.*"]), *ASSETS],
    package_dir=ASSETS,
    package_data={
        "newsdesk.templates": ["**/*.html"],
        "newsdesk.static": ["**/*.css", "**/*.js", "**/*.svg", "**/*.ico", "**/*.png"],
    },
)
