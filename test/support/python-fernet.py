"""Runs Fernet operations with pyca/cryptography (the reference implementation) for the interop test.

Reads a JSON list of operations on stdin and writes a JSON list of results on stdout. Bytes travel as base64.
"""
import base64
import json
import sys

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


def ring(keys):
    return MultiFernet([Fernet(key) for key in keys])


def run(op):
    kind = op["op"]
    if kind == "generate_key":
        return {"key": Fernet.generate_key().decode()}
    if kind == "encrypt":
        return {"token": Fernet(op["key"]).encrypt(base64.b64decode(op["plaintext"])).decode()}
    if kind == "decrypt":
        try:
            plaintext = ring(op["keys"]).decrypt(op["token"], ttl=op.get("ttl"))
        except InvalidToken:
            return {"error": "InvalidToken"}
        return {"plaintext": base64.b64encode(plaintext).decode()}
    if kind == "rotate":
        return {"token": ring(op["keys"]).rotate(op["token"]).decode()}
    if kind == "timestamp":
        return {"timestamp": Fernet(op["key"]).extract_timestamp(op["token"])}
    raise ValueError(f"unknown op {kind}")


print(json.dumps([run(op) for op in json.load(sys.stdin)]))
