"""The wings of the package and the one way their imports point, read from the source (`ast`).

core (config, errors, document, limits, sniff, dedup, site, spread, textutils, links, models) <- html, text <- pipeline
<- output, corpus <- cli. html and text never import each other; nothing imports a wing above its own.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"

# What each wing may import besides itself.
ALLOWED = {
    "core": set(),
    "html": {"core"},
    "text": {"core"},
    "pipeline": {"core", "html", "text"},
    "api": {"core", "pipeline", "output"},  # cleaner/__init__.py: the public names (to_markdown, to_html)
    "output": {"core"},
    "corpus": {"core", "pipeline", "output"},
    "cli": {"core", "pipeline", "api", "output", "corpus"},
}


def module_name(file: Path) -> str:
    parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def wing(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "api"
    if parts[1] in ("html", "text", "corpus", "output"):
        return parts[1]
    if parts[1] in ("cli", "__main__"):
        return "cli"
    return "pipeline" if parts[1] == "pipeline" else "core"


MODULES = {module_name(file): file for file in sorted(PACKAGE.rglob("*.py"))}


def imports(module: str) -> set[str]:
    """The cleaner modules `module` imports anywhere in its source (lazy imports count too)."""
    file = MODULES[module]
    package = module if file.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "cleaner")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.split(".")[0] != "cleaner":
                continue
            submodules = {f"{target}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(submodules or {target})
    return found & MODULES.keys()


def test_the_wings_are_read() -> None:
    assert {"cleaner.pipeline", "cleaner.html.extract", "cleaner.text.extract"} <= MODULES.keys()
    assert "cleaner.config" in imports("cleaner.pipeline")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_one_way(module: str) -> None:
    own = wing(module)
    wrong = {other for other in imports(module) if wing(other) not in ALLOWED[own] | {own}}
    assert not wrong, f"{module} ({own}) imports {sorted(wrong)}"


def test_no_import_cycles() -> None:
    graph = {module: imports(module) for module in MODULES}
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            cycle = [*trail[trail.index(module) :], module]
            pytest.fail(f"import cycle: {' -> '.join(cycle)}")
        if module in done:
            return
        for other in sorted(graph[module]):
            visit(other, [*trail, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_a_dump_is_cleaned_without_importing_the_html_path() -> None:
    # trafilatura takes longer to import than a dump takes to clean: a run of dumps never loads it
    code = (
        "import sys, cleaner\n"
        "cleaner.clean('Home\\nNews\\n' + 'The council voted to extend the tram line to the north. ' * 9)\n"
        "print(sorted(name for name in sys.modules if name.startswith(('trafilatura', 'cleaner.html'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
