#!/usr/bin/env bash
# Calls the LGSP SOAP document exchange (/services/DocumentExchange, SOAP 1.1) with a WS-Security
# signature made with nothing but bash, curl and openssl: a Timestamp and an RSA-SHA256 signature
# (SHA-256 digests, exclusive C14N) over the Body and the Timestamp, the certificate as a
# BinarySecurityToken. The XML is written already in its canonical form, so digests are taken
# over the text as it is sent. Packages travel inline (base64), not as MTOM attachments.
#
#   docs/examples/soap.sh sendDocument FILE.edxml [edoc|status]
#   docs/examples/soap.sh listReceived [edoc|status]
#   docs/examples/soap.sh listSent [edoc|status] [DOCID]
#   docs/examples/soap.sh countReceived [edoc|status]
#   docs/examples/soap.sh getDocument DOCID          # prints the package itself
#   docs/examples/soap.sh acknowledge DOCID done     # or fail, or another status text
#
# Environment: LGSP_URL (default http://localhost:8080), SOAP_P12 and SOAP_P12_PASSWORD (default:
# the DEV ONLY key of the demo system hd.phuonghaiduong.qlvb in etc/dev/soap/). Prints what the
# answer's soap:Body holds (the answer is signed; SOAP_FULL=1 prints the whole envelope, its
# WS-Security header included); exits 1 on a fault.
set -euo pipefail

URL="${LGSP_URL:-http://localhost:8080}/services/DocumentExchange"
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
P12="${SOAP_P12:-$DIR/etc/dev/soap/hd.phuonghaiduong.qlvb.p12}"
PASS="${SOAP_P12_PASSWORD:-hd-phuonghd-soap-dev-2025}"
NS="http://lgsp.haiphong.gov.vn/soap/exchange/1"
SOAP="http://schemas.xmlsoap.org/soap/envelope/"
WSSE="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS="http://www.w3.org/2000/09/xmldsig#"
C14N="http://www.w3.org/2001/10/xml-exc-c14n#"
X509="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
B64="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"

esc() { local s="$1"; s="${s//&/&amp;}"; s="${s//</&lt;}"; printf '%s' "${s//>/&gt;}"; }
el() { printf '<lgsp:%s>%s</lgsp:%s>' "$1" "$(esc "$2")" "$1"; }

op="${1:?usage: soap.sh OPERATION [ARGS]}"; shift
case "$op" in
  sendDocument)
    file="${1:?sendDocument needs a package file}"
    content="$(el messageType "${2:-edoc}")<lgsp:package>$(base64 -w0 < "$file")</lgsp:package>" ;;
  listReceived|countReceived) content="$(el messageType "${1:-edoc}")" ;;
  listSent) content="$(el messageType "${1:-edoc}")${2:+$(el docId "$2")}" ;;
  getDocument) content="$(el docId "${1:?getDocument needs a DocId}")" ;;
  acknowledge) content="$(el docId "${1:?acknowledge needs a DocId}")$(el status "${2:?and a status}")" ;;
  *) echo "unknown operation $op" >&2; exit 2 ;;
esac

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
openssl pkcs12 -in "$P12" -passin "pass:$PASS" -nocerts -nodes -out "$work/key.pem" 2>/dev/null
openssl pkcs12 -in "$P12" -passin "pass:$PASS" -clcerts -nokeys 2>/dev/null | openssl x509 -outform DER -out "$work/cert.der"
cert="$(base64 -w0 < "$work/cert.der")"

digest() { printf '%s' "$1" | openssl dgst -sha256 -binary | base64 -w0; }
now="$(date -u +%s)"
created="$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ)"
# Ids of their own: two identical requests in one second would otherwise carry the same Timestamp
# and signature, and the second would be refused as a replay (SOAP-105).
ts_id="TS-$(openssl rand -hex 8)"
body_id="id-$(openssl rand -hex 8)"
expires="$(date -u -d "@$((now + 300))" +%Y-%m-%dT%H:%M:%SZ)"

body="<soap:Body xmlns:soap=\"$SOAP\" xmlns:wsu=\"$WSU\" wsu:Id=\"$body_id\"><lgsp:$op xmlns:lgsp=\"$NS\">$content</lgsp:$op></soap:Body>"
timestamp="<wsu:Timestamp xmlns:wsu=\"$WSU\" wsu:Id=\"$ts_id\"><wsu:Created>$created</wsu:Created><wsu:Expires>$expires</wsu:Expires></wsu:Timestamp>"
reference() {
  printf '<ds:Reference URI="#%s"><ds:Transforms><ds:Transform Algorithm="%s"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod><ds:DigestValue>%s</ds:DigestValue></ds:Reference>' "$1" "$C14N" "$2"
}
signedinfo="<ds:SignedInfo xmlns:ds=\"$DS\"><ds:CanonicalizationMethod Algorithm=\"$C14N\"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"></ds:SignatureMethod>$(reference "$ts_id" "$(digest "$timestamp")")$(reference "$body_id" "$(digest "$body")")</ds:SignedInfo>"
signature="$(printf '%s' "$signedinfo" | openssl dgst -sha256 -sign "$work/key.pem" | base64 -w0)"

envelope="<soap:Envelope xmlns:soap=\"$SOAP\"><soap:Header><wsse:Security xmlns:wsse=\"$WSSE\" xmlns:wsu=\"$WSU\" soap:mustUnderstand=\"1\">$timestamp<wsse:BinarySecurityToken EncodingType=\"$B64\" ValueType=\"$X509\" wsu:Id=\"id-cert\">$cert</wsse:BinarySecurityToken><ds:Signature xmlns:ds=\"$DS\">$signedinfo<ds:SignatureValue>$signature</ds:SignatureValue><ds:KeyInfo><wsse:SecurityTokenReference><wsse:Reference URI=\"#id-cert\" ValueType=\"$X509\"/></wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature></wsse:Security></soap:Header>$body</soap:Envelope>"

printf '%s' "$envelope" > "$work/request.xml"
status="$(curl -sS -o "$work/response.xml" -w '%{http_code}' -H 'Content-Type: text/xml; charset=UTF-8' \
  -H "SOAPAction: \"urn:lgsp:$op\"" --data-binary "@$work/request.xml" "$URL")"
if [[ "$op" == getDocument && "$status" == 200 ]]; then
  sed -n 's/.*<[A-Za-z0-9]*:\{0,1\}package>\([^<]*\)<.*/\1/p' "$work/response.xml" | base64 -d
  exit 0
fi
if [[ "${SOAP_FULL:-}" == 1 ]]; then
  cat "$work/response.xml"
else
  sed -n 's|.*<soap:Body[^>]*>\(.*\)</soap:Body>.*|\1|p' "$work/response.xml"
fi
echo
[[ "$status" == 200 ]]
