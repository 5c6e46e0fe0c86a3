"""`paramscope bench install` (the slim install on every Python the machine has) without its venvs and PyPI: the
sample site it builds there builds here, and a Python the machine lacks is skipped with the reason."""
import subprocess
import sys

from paramscope.bench import install


def test_the_sample_site_builds_strictly_with_the_plugin(tmp_path):
    install.write_sample_site(tmp_path)
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    install.check_sample_site(tmp_path / "site")
    assert f"The answer is {6 * 7}." in (tmp_path / "site" / "index.html").read_text()


def test_a_python_the_machine_lacks_is_skipped_with_the_reason():
    assert install.interpreter("3.99") == (None, "no working python3.99 on PATH or under pyenv")
    python, version = install.interpreter(f"{sys.version_info.major}.{sys.version_info.minor}")
    assert version == "%d.%d.%d" % sys.version_info[:3], (python, version)
