"""The small expression language of the adapters: parsed here into JSON trees that Python and the page evaluate alike.

Grammar: `c ? a : b`, `||`, `&&`, `!`, comparisons, `+ -`, `* / %` (`/` divides integers, rounding down as
transformers' `//` does), numbers, 'strings', true/false/null, names, and calls of the functions in FUNCTIONS
(`given('x')`: the name x was read from the config rather than defaulted).
"""
import re

TOKEN = re.compile(r"\s*(?:(\d+)|'([^']*)'|([A-Za-z_][A-Za-z_0-9]*)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:(),]))")
BINARY = [("||",), ("&&",), ("==", "!=", "<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%")]
LITERALS = {"true": True, "false": False, "null": None}


def step_count(n: int, step: int, off: int) -> int:
    """i in [0, n) with i % step == off (0 <= off < step)."""
    return (n - off + step - 1) // step if n > off else 0


def moe_layers(layers: int, first: int, step: int, dense: list, offset: int = -1, last: int = -1) -> int:
    """Mixture blocks: i in [first, last] (last -1: the last block) with i % step == offset (-1: step - 1, that is
    (i + 1) % step == 0) and i not listed as dense. Closed form: the same time for any depth."""
    off = step - 1 if offset < 0 else offset
    end = layers if last < 0 else min(last + 1, layers)
    if first >= end:
        return 0
    listed = {i for i in dense if first <= i < end and i % step == off}
    return step_count(end, step, off) - step_count(first, step, off) - len(listed)


def is_moe(i: int, first: int, step: int, dense: list, offset: int = -1, last: int = -1) -> bool:
    """Whether block i is a mixture under moe_layers' rule."""
    off = step - 1 if offset < 0 else offset
    return i >= first and (last < 0 or i <= last) and i % step == off and i not in dense


def listed_count(items: list, n: int) -> int:
    """Distinct entries of `items` below n (the blocks a list such as Llama 4's moe_layers names)."""
    return len({i for i in items if i < n})


def parts(entry: str) -> list:
    """A block's mixers: 'attention+ssm' runs both side by side (Falcon-H1)."""
    return entry.split("+")


def pattern_count(pattern: list, mixer: str, layers: int) -> int:
    """Blocks among `layers` whose mixer (the pattern repeated, one entry a block) includes `mixer`; an empty
    pattern is attention in every block. Closed form for any depth."""
    if not pattern:
        return layers if mixer == "attention" else 0
    period = len(pattern)
    full, rest = divmod(layers, period)
    return sum(full + (j < rest) for j, e in enumerate(pattern) if mixer in parts(e))


def pattern_at(pattern: list, i: int) -> list:
    """The mixers of block i."""
    return parts(pattern[i % len(pattern)]) if pattern else ["attention"]


def spot(n: int, k: int, a: str, b: str) -> list:
    """A period of n blocks: `a` at position k, `b` elsewhere (Jamba's attn_layer_period and offset)."""
    return [a if j == k else b for j in range(n)]


def marks(n: int, idxs: list, a: str, b: str) -> list:
    """n blocks: `a` at the listed indices, `b` elsewhere (LFM2's full_attn_idxs)."""
    listed = set(idxs)
    return [a if j in listed else b for j in range(n)]


def rename(items: list, *pairs) -> list:
    """`items` with each name replaced by the one after it in `pairs` (a family's layer_types into the formula's
    mixers: attention, ssm, linear, conv); names not listed are kept."""
    table = dict(zip(pairs[::2], pairs[1::2]))
    return [table.get(x, x) for x in items]


def every(items: list, allowed: list) -> bool:
    return all(x in allowed for x in items)


FUNCTIONS = {"given": None, "min": min, "max": max, "moe_layers": moe_layers, "is_moe": is_moe,
             "listed_count": listed_count, "pattern_count": pattern_count, "pattern_at": pattern_at, "spot": spot,
             "marks": marks, "rename": rename, "every": every, "list": lambda *xs: list(xs),
             "startswith": lambda s, p: s.startswith(p), "has": lambda items, x: x in items, "size": len}


def parse(text: str) -> list:
    """The tree of `text`: ["num", n] | ["str", s] | ["lit", v] | ["var", name] | ["call", f, [args]] |
    ["not", a] | ["neg", a] | ["if", c, a, b] | [op, a, b]."""
    tokens, pos = [], 0
    while pos < len(text.rstrip()):
        m = TOKEN.match(text, pos)
        if m is None:
            raise SyntaxError(f"bad expression {text!r} at {pos}")
        tokens.append(m.groups())
        pos = m.end()
    i = 0

    def peek():
        return tokens[i][3] if i < len(tokens) else None

    def take(op):
        nonlocal i
        if peek() != op:
            raise SyntaxError(f"expected {op!r} in {text!r}")
        i += 1

    def ternary():
        cond = binary(0)
        if peek() == "?":
            take("?")
            a = ternary()
            take(":")
            return ["if", cond, a, ternary()]
        return cond

    def binary(level):
        if level == len(BINARY):
            return unary()
        left = binary(level + 1)
        while peek() in BINARY[level]:
            op = peek()
            take(op)
            left = [op, left, binary(level + 1)]
        return left

    def unary():
        if peek() in ("!", "-"):
            op = peek()
            take(op)
            return ["not" if op == "!" else "neg", unary()]
        return primary()

    def primary():
        nonlocal i
        if i >= len(tokens):
            raise SyntaxError(f"unexpected end of {text!r}")
        num, string, name, op = tokens[i]
        if op == "(":
            take("(")
            inner = ternary()
            take(")")
            return inner
        i += 1
        if num is not None:
            return ["num", int(num)]
        if string is not None:
            return ["str", string]
        if name in LITERALS:
            return ["lit", LITERALS[name]]
        if name is not None and peek() == "(":
            if name not in FUNCTIONS:
                raise SyntaxError(f"unknown function {name} in {text!r}")
            take("(")
            args = [ternary()]
            while peek() == ",":
                take(",")
                args.append(ternary())
            take(")")
            return ["call", name, args]
        if name is not None:
            return ["var", name]
        raise SyntaxError(f"unexpected {op!r} in {text!r}")

    tree = ternary()
    if i != len(tokens):
        raise SyntaxError(f"trailing tokens in {text!r}")
    return tree


OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a // b,
       "%": lambda a, b: a % b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
       "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def evaluate(tree: list, env: dict):
    """The value of a parsed tree with the names in `env` (integers stay exact at any size)."""
    tag = tree[0]
    if tag in ("num", "str", "lit"):
        return tree[1]
    if tag == "var":
        return env[tree[1]]
    if tag == "call" and tree[1] == "given":  # given('x'): x was read from the config, not defaulted
        return evaluate(tree[2][0], env) in env["given"]
    if tag == "call":
        return FUNCTIONS[tree[1]](*(evaluate(a, env) for a in tree[2]))
    if tag == "not":
        return not evaluate(tree[1], env)
    if tag == "neg":
        return -evaluate(tree[1], env)
    if tag == "if":
        return evaluate(tree[2], env) if evaluate(tree[1], env) else evaluate(tree[3], env)
    if tag == "||":
        return evaluate(tree[1], env) or evaluate(tree[2], env)
    if tag == "&&":
        return evaluate(tree[1], env) and evaluate(tree[2], env)
    return OPS[tag](evaluate(tree[1], env), evaluate(tree[2], env))
