"""A poplib session against yubin's POP3 server for Pop3ClientsTest; prints JSON.

usage: pop3_client.py MODE PORT USER PASSWORD
  full       USER/PASS in plain text: CAPA STAT LIST UIDL RETR TOP DELE RSET DELE QUIT
  apop-stls  STLS, then APOP: CAPA before and after, STAT UIDL QUIT
  auth-pop3s implicit TLS, AUTH PLAIN with an initial response: STAT QUIT
  wrong      USER/PASS with a wrong password: the error
"""
import base64
import json
import poplib
import ssl
import sys

mode, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def insecure():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def text(lines):
    return [line.decode("utf-8", "replace") for line in lines]


out = {}
if mode == "full":
    pop = poplib.POP3("127.0.0.1", port, timeout=30)
    out["capa"] = sorted(pop.capa().keys())
    pop.user(user)
    out["pass"] = pop.pass_(password).decode()
    out["stat"] = list(pop.stat())
    out["list"] = text(pop.list()[1])
    out["uidl"] = text(pop.uidl()[1])
    out["uidl1"] = pop.uidl(1).decode()
    retr = pop.retr(1)
    out["retr1"] = text(retr[1])
    out["retr1_octets"] = retr[2]
    out["top2"] = text(pop.top(2, 1)[1])
    out["dele3"] = pop.dele(3).decode()
    out["rset"] = pop.rset().decode()
    pop.dele(3)
    out["quit"] = pop.quit().decode()
elif mode == "apop-stls":
    pop = poplib.POP3("127.0.0.1", port, timeout=30)
    out["capa_before"] = sorted(pop.capa().keys())
    pop.stls(context=insecure())
    out["capa_after"] = sorted(pop.capa().keys())
    out["apop"] = pop.apop(user, password).decode()
    out["stat"] = list(pop.stat())
    out["uidl"] = text(pop.uidl()[1])
    out["quit"] = pop.quit().decode()
elif mode == "auth-pop3s":
    pop = poplib.POP3_SSL("127.0.0.1", port, timeout=30, context=insecure())
    initial = base64.b64encode(("\0" + user + "\0" + password).encode()).decode()
    out["auth"] = pop._shortcmd("AUTH PLAIN " + initial).decode()
    out["stat"] = list(pop.stat())
    out["quit"] = pop.quit().decode()
elif mode == "wrong":
    pop = poplib.POP3("127.0.0.1", port, timeout=30)
    pop.user(user)
    try:
        pop.pass_(password)
        out["error"] = None
    except poplib.error_proto as e:
        out["error"] = e.args[0].decode()
    pop.quit()
else:
    sys.exit("unknown mode " + mode)
print(json.dumps(out))
