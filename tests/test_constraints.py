"""constraints.txt (what ``make`` installs with ``-c``) agrees with pyproject.toml's pins: every
package pinned there is in it at the same version, so regenerating one without the other fails."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;#]+)")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503


def _constraints() -> dict[str, str]:
    out = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        m = PIN.match(line.strip())
        if m:
            out[_name(m.group(1))] = m.group(2)
    return out


def test_every_pin_of_pyproject_is_in_the_constraints_at_its_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installed = project["dependencies"] + project["optional-dependencies"]["ocr"]
    installed += project["optional-dependencies"]["test"]
    constraints = _constraints()
    assert len(constraints) > len(installed)  # the dependencies' own dependencies too
    pins = [PIN.match(spec).groups() for spec in installed]
    assert all(pins), installed  # every requirement is pinned
    wrong = {
        name: (version, constraints.get(_name(name)))
        for name, version in pins
        if constraints.get(_name(name)) != version
    }
    assert wrong == {}
