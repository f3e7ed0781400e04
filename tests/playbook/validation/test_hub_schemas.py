"""A hub's own schemas/ folder: used where it adds rules, refused with its position
where it is broken, and never a reason to crash, hang or loosen the built-in rules."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import threading

from tests.helpers import REPO, within

IDEA = "playbook/content/close-checklist.yaml"
DELETE_HINT = "delete the file to use the built-in schema"


def _own_schemas(hub):
    shutil.copytree(REPO / "schemas", hub.path("schemas"))


def test_a_copy_of_the_built_in_schemas_validates_as_they_do(hub):
    _own_schemas(hub)

    assert hub.validate().code == 0


def test_a_schema_missing_from_the_hubs_folder_falls_back_to_the_built_in_one(hub):
    _own_schemas(hub)
    hub.remove("schemas/term.schema.json")
    hub.edit("playbook/terms/lead.yaml", "name: Lead", "name: [not, text]")

    run = hub.validate()

    assert run.report[0] == "playbook/terms/lead.yaml:1:7: error: $.name: expected text, found a list"


def test_a_schema_that_is_not_json_is_reported_at_its_position(hub):
    _own_schemas(hub)
    hub.write("schemas/term.schema.json", '{\n  "type": "object",\n  oops\n}\n')

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "schemas/term.schema.json:3:3: error: $: not valid JSON: Expecting property name enclosed in double quotes",
        f"    hint: fix the JSON, or {DELETE_HINT}",
    ]


def test_a_schema_that_is_not_a_valid_json_schema_is_reported_at_the_wrong_keyword(hub):
    _own_schemas(hub)
    hub.write("schemas/idea.schema.json", '{\n  "type": "object",\n  "minProperties": "two"\n}\n')

    run = hub.validate()

    assert run.report == [
        "schemas/idea.schema.json:3:20: error: $.minProperties: not a valid JSON Schema: 'two' is not of type 'integer'",
        f"    hint: compare it with the built-in schema, or {DELETE_HINT}",
    ]


def test_a_schema_with_a_remote_reference_is_refused_without_reaching_the_network(hub):
    _own_schemas(hub)
    hub.write("schemas/idea.schema.json", json.dumps({"$ref": "https://schemas.invalid/idea.json"}))

    run = hub.validate()

    assert run.code == 1
    assert run.report[0].startswith("schemas/idea.schema.json:1:1: error: $: this schema cannot be used: ")


def test_a_schema_holding_a_list_is_refused(hub):
    _own_schemas(hub)
    hub.write("schemas/person.schema.json", "[]\n")

    run = hub.validate()

    assert run.report == [
        "schemas/person.schema.json:1:1: error: $: a schema must be a JSON object",
        f"    hint: start the file with '{{', or {DELETE_HINT}",
    ]


def test_a_schema_with_a_number_too_long_for_python_is_refused(hub):
    _own_schemas(hub)
    hub.write("schemas/config.schema.json", '{"maximum": ' + "9" * 5000 + "}\n")

    run = hub.validate()

    assert run.report[0].startswith("schemas/config.schema.json:1:1: error: $: not valid JSON: ")


def test_a_hub_schema_adds_rules_to_the_built_in_one(hub):
    _own_schemas(hub)
    schema = json.loads(hub.read("schemas/idea.schema.json"))
    schema["required"] = [*schema["required"], "owner"]
    hub.write("schemas/idea.schema.json", json.dumps(schema, indent=2))

    run = hub.validate()

    assert run.report[0] == f"{IDEA}:1:1: error: $: missing required field 'owner'"


def test_a_hub_schema_cannot_loosen_the_built_in_rules(hub):
    _own_schemas(hub)
    hub.write("schemas/idea.schema.json", json.dumps({"type": "object"}))
    hub.edit(IDEA, "title: The five-day close checklist", "title: [a, list]")

    run = hub.validate()

    assert run.report[0] == f"{IDEA}:1:8: error: $.title: expected text, found a list"


def test_a_schema_file_that_is_a_fifo_is_reported_without_blocking(hub):
    _own_schemas(hub)
    hub.remove("schemas/track.schema.json")
    os.mkfifo(hub.path("schemas/track.schema.json"))

    run = within(60, hub.validate)

    assert run.report[0] == (
        "schemas/track.schema.json:1:1: error: $: not a regular file (a pipe, a socket or a device), so it is not read"
    )


def test_a_schema_that_is_a_link_to_nothing_is_reported_as_unreadable(hub):
    _own_schemas(hub)
    hub.remove("schemas/idea.schema.json")
    os.symlink(hub.path("schemas/nowhere.json"), hub.path("schemas/idea.schema.json"))

    run = hub.validate()

    assert run.report == [
        "schemas/idea.schema.json:1:1: error: $: cannot read the file (No such file or directory)",
        "    hint: check that the file exists and that it can be read",
    ]


def test_a_wrong_keyword_in_a_schema_the_yaml_reader_refuses_is_reported_at_the_top(hub):
    _own_schemas(hub)
    # Positions come from reading the JSON as YAML, which refuses nesting this deep.
    deep = "[" * 45 + "]" * 45
    hub.write("schemas/idea.schema.json", f'{{\n  "minProperties": "two",\n  "examples": {deep}\n}}\n')

    run = hub.validate()

    assert run.report[0] == (
        "schemas/idea.schema.json:1:1: error: $.minProperties: not a valid JSON Schema: 'two' is not of type 'integer'"
    )


def _strict_titles(hub, limit: int) -> None:
    schema = json.loads((REPO / "schemas" / "idea.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["title"]["maxLength"] = limit
    hub.write("schemas/idea.schema.json", json.dumps(schema))


def test_a_schema_edited_to_the_same_size_is_read_again(hub):
    _own_schemas(hub)
    _strict_titles(hub, 10)
    assert hub.validate().code == 1
    stamp = os.stat(hub.path("schemas/idea.schema.json")).st_mtime_ns

    _strict_titles(hub, 90)  # the same number of bytes
    os.utime(hub.path("schemas/idea.schema.json"), ns=(stamp + 10**9, stamp + 10**9))

    assert hub.validate().code == 0


def test_a_schema_edited_within_the_same_moment_is_read_again(hub):
    _own_schemas(hub)
    _strict_titles(hub, 10)
    assert hub.validate().code == 1
    stamp = os.stat(hub.path("schemas/idea.schema.json")).st_mtime_ns

    _strict_titles(hub, 100)  # one byte more
    os.utime(hub.path("schemas/idea.schema.json"), ns=(stamp, stamp))

    assert hub.validate().code == 0


def _schema_of_size(size: int) -> str:
    """The built-in idea schema, padded with spaces to exactly `size` bytes."""
    text = (REPO / "schemas" / "idea.schema.json").read_text(encoding="utf-8").rstrip()
    return text + " " * (size - len(text.encode("utf-8")))


def test_a_schema_of_one_mebibyte_is_read(hub):
    _own_schemas(hub)
    hub.write_bytes("schemas/idea.schema.json", _schema_of_size(1 << 20).encode("utf-8"))

    assert hub.validate().code == 0


def test_a_schema_over_one_mebibyte_is_refused_unread(hub):
    _own_schemas(hub)
    hub.write_bytes("schemas/idea.schema.json", _schema_of_size((1 << 20) + 1).encode("utf-8"))

    run = hub.validate()

    assert run.report == [
        "schemas/idea.schema.json:1:1: error: $: file is too large (1,048,577 bytes; the limit is 1,048,576)",
        f"    hint: a schema holds at most 1,048,576 bytes; {DELETE_HINT}",
    ]


def test_a_remote_reference_is_never_fetched_even_from_a_server_that_answers(hub):
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # the name http.server calls
            requests.append(self.path)
            body = json.dumps({"type": "object"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        _own_schemas(hub)
        address = f"http://127.0.0.1:{server.server_address[1]}/idea.json"
        hub.write("schemas/idea.schema.json", json.dumps({"$ref": address}))

        run = hub.validate()
    finally:
        server.shutdown()
        server.server_close()

    assert requests == []
    assert run.report[0].startswith("schemas/idea.schema.json:1:1: error: $: this schema cannot be used: ")
