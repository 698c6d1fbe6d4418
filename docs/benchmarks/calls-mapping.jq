# The built-in `calls` mapping written for jq, for docs/BENCHMARKS.md: the same fields from the same record,
# with simpler phone rules (digits, NANP) and times re-written only when they end in Z.
def ms: if type == "string" and test("Z$") then sub("Z$"; ".000Z") | sub("\\.([0-9]{3})[0-9]*\\.000Z$"; ".\(.captures)Z") else . end;
def phone: gsub("[^0-9+]"; "") | if startswith("+") then . elif length == 10 then "+1" + . elif length == 11 and startswith("1") then "+" + . else empty end;
def num: if type == "number" then . elif type == "string" and test("^-?[0-9]+(\\.[0-9]+)?$") then tonumber else empty end;
select(.kind == "record") | .data as $d |
{kind: "event", id: ("calls:" + ($d.call_id | tostring)), time: ($d.start_time | ms), received: .received,
 source: .source, channel: "call_center", type: "call", stage: "support",
 ids: ({} + (if ($d.caller_number // "") != "" then {phone: ($d.caller_number | phone)} else {} end)
          + (if ($d.customer_id // "") != "" then {customer_id: $d.customer_id} else {} end)),
 text: ($d.notes // null),
 metrics: ({} + ([$d.wait_seconds | num] | if length > 0 then {wait_seconds: .[0]} else {} end)
              + ([$d.handle_seconds | num] | if length > 0 then {handle_seconds: .[0]} else {} end)),
 properties: ({queue: $d.queue, disposition: $d.disposition, agent_id: $d.agent_id, end_time: ($d.end_time | ms)}
   + ($d | del(.call_id, .start_time, .caller_number, .customer_id, .wait_seconds, .handle_seconds, .queue,
               .disposition, .agent_id, .end_time, .notes)))
   | with_entries(select(.value != null and .value != ""))}
| with_entries(select(.value != null))
