"""Helpers for the Action test (PyYAML comes with pre-commit in the tools venv).

wrap ACTION.yml      print the composite action as a reusable workflow (same steps, its
                     inputs as workflow_call inputs) so actionlint checks its expressions
step ACTION.yml ID   print the `run:` script of the step with that id
"""
import sys

import yaml

action = yaml.safe_load(open(sys.argv[2]))
if sys.argv[1] == "wrap":
    inputs = {
        name: {"type": "string", "required": False, "default": spec.get("default", "")}
        for name, spec in action["inputs"].items()
    }
    workflow = {
        "name": action["name"],
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    print(yaml.safe_dump(workflow, sort_keys=False))
elif sys.argv[1] == "step":
    step = next(s for s in action["runs"]["steps"] if s.get("id") == sys.argv[3])
    print(step["run"])
