"""One part of a fact's name from a label, a number or a kind (generator.output.name_part), as producers build them."""
from paramscope_generator.producer.output import NAME, name_part


def test_a_part_has_no_dot_and_no_space_and_fits_a_fact_name():
    assert name_part("Llama 3.1 405B") == "llama-3-1-405b"
    assert name_part("llama-3.1-405b") == "llama-3-1-405b"
    assert name_part(0.05, "_") == "0_05"
    assert name_part(1.0, "_") == "1_0"
    assert name_part("output head", "_") == "output_head"
    assert name_part("state-space", "_") == "state-space"
    for part in ("Llama 3.1 405B", 0.05, "capital of Canada"):
        assert NAME.match(f"facts.{name_part(part)}.total")
