"""The cluster's edge configuration: deploy/varnish.vcl with its one backend replaced by the
app nodes, round robin behind health probes (deploy/cluster.py writes it for `up`)."""


def balanced_vcl(vcl: str, host: str, nodes: dict[str, int]) -> str:
    """`vcl` (deploy/varnish.vcl's text) with `nodes` (backend name: port on `host`) as its
    backends, each probed on /robots.txt, readers' requests spread over them."""
    start = vcl.index("backend default {")
    end = vcl.index("}", start) + 1
    backends = (
        'import directors;\n\nprobe app_alive {\n    .url = "/robots.txt";\n'
        "    .interval = 1s;\n    .timeout = 1s;\n    .window = 3;\n    .threshold = 2;\n}\n"
    )
    for name, port in nodes.items():
        backends += (
            f'\nbackend {name} {{\n    .host = "{host}";\n    .port = "{port}";\n'
            "    .connect_timeout = 1s;\n    .first_byte_timeout = 30s;\n"
            "    .probe = app_alive;\n}\n"
        )
    backends += "\nsub vcl_init {\n    new nodes = directors.round_robin();\n"
    backends += "".join(f"    nodes.add_backend({name});\n" for name in nodes) + "}\n"
    # A node that died since the last probe refuses the connection: ask the next one rather
    # than give the reader a 503 until the probes notice.
    backends += (
        "\nsub vcl_backend_error {\n    if (bereq.retries < 1) {\n        return (retry);\n"
        "    }\n}\n"
    )
    vcl = vcl[:start] + backends + vcl[end:]
    return vcl.replace(
        "sub vcl_recv {", "sub vcl_recv {\n    set req.backend_hint = nodes.backend();", 1
    )
