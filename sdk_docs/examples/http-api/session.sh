#!/usr/bin/env bash
# A whole purchase over the HTTP API with curl and jq: what a POS in any language does.
# A server with credits to sell (the demo's), a key with the footprints, orders and certificates
# scopes on its database, then the session:
#   diandian serve --demo --database-url sqlite:///api-demo.db &
#   export DIANDIAN_KEY=$(diandian apikey create --owner my-hotel --scope footprints \
#     --scope orders --scope certificates --database-url sqlite:///api-demo.db)
#   DIANDIAN_URL=http://127.0.0.1:8000 bash session.sh
set -euo pipefail
api="${DIANDIAN_URL%/}/api/v1"
auth=(-H "Authorization: Bearer $DIANDIAN_KEY")
json=(-H "Content-Type: application/json")

echo "== a guest's footprint: 1 room, 2 nights in China"
footprint=$(curl -sf "${auth[@]}" "${json[@]}" "$api/footprints" \
  -d '{"scene_type": "hotel", "answers": {"rooms": 1, "nights": 2, "country": "CN"}}')
grams=$(jq -r .grams <<<"$footprint")
echo "$grams g CO2e"

echo "== bad answers are refused naming the field"
curl -s "${auth[@]}" "${json[@]}" "$api/footprints" \
  -d '{"scene_type": "hotel", "answers": {"rooms": 1, "nights": -2}}' | jq -c '{code, field, message}'

echo "== projects and a quote"
project=$(curl -sf "$api/projects" | jq -r '.[0].project_id')
curl -sf "${auth[@]}" "${json[@]}" "$api/quotes" -d "{\"project_id\": \"$project\", \"grams\": $grams}" \
  | jq -c '{project_id, grams, price}'

echo "== an order; the same Idempotency-Key again returns the same order"
key="checkout-$(date +%s%N)"
order=$(curl -sf "${auth[@]}" "${json[@]}" -H "Idempotency-Key: $key" "$api/orders" \
  -d "{\"project_id\": \"$project\", \"grams\": $grams, \"beneficiary\": \"Guest of room 1208\"}")
order_id=$(jq -r .order.order_id <<<"$order")
again=$(curl -sf "${auth[@]}" "${json[@]}" -H "Idempotency-Key: $key" "$api/orders" \
  -d "{\"project_id\": \"$project\", \"grams\": $grams, \"beneficiary\": \"Guest of room 1208\"}" | jq -r .order.order_id)
echo "order $order_id (replayed: $again), pay at $(jq -r .payment.pay_url <<<"$order")"
[[ "$order_id" == "$again" ]]

echo "== the same key with another body is refused"
curl -s -o /dev/null -w "HTTP %{http_code}\n" "${auth[@]}" "${json[@]}" -H "Idempotency-Key: $key" "$api/orders" \
  -d "{\"project_id\": \"$project\", \"grams\": 1}"

echo "== the sandbox payer pays; the certificate is issued and verified"
curl -sf "${auth[@]}" "${json[@]}" "$api/orders/$order_id/sandbox-payment" -d '{"succeed": true}' | jq -r .status
certificate=$(curl -sf "${auth[@]}" "${json[@]}" "$api/certificates" -d "{\"order_id\": \"$order_id\"}")
qr=$(jq -r .qr_text <<<"$certificate")
echo "certificate $(jq -r .claims.cert_id <<<"$certificate")"
jq -n --arg qr "$qr" '{qr_text: $qr}' | curl -sf "${json[@]}" "$api/certificates/verify" -d @- | jq -c '{valid, code}'
