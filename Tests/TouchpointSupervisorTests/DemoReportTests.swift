import Testing

@testable import TouchpointSupervisor

/// The demo's text, byte for byte, from a known stream and known count notes.
struct DemoReportTests {
    private func report(output: [String], stderr: [(Int, String)]) -> String {
        var report = DemoReport(stageNames: ["ingest", "normalize", "resolve-identity", "score", "alert"])
        for line in output { Array(line.utf8).withUnsafeBytes { report.addOutputLine($0) } }
        for (stage, line) in stderr { Array(line.utf8).withUnsafeBytes { report.addStageLine($0, stage: stage) } }
        return report.render(pipelineName: "pipelines/demo.pipeline")
    }

    @Test func rendersAlertsThenTheSummary() {
        let text = report(
            output: [
                #"{"kind":"event","id":"pos:TX-1","profile":{"id":"p-a","matched_on":["email"],"is_new":true}}"#,
                #"{"kind":"event","id":"web:3"}"#,
                #"{"kind":"merge","id":"m-1","survivor":"p-a","absorbed":["p-b"],"identifier":"email","event":"surveys:R-2"}"#,
                #"{"kind":"event","id":"surveys:R-2","profile":{"id":"p-b"}}"#,
                #"{"kind":"event","id":"calls:C-9","profile":{"id":"p-c"}}"#,
                #"{"kind":"alert","id":"a-1","rule":"repeat-contact","severity":"medium","owner":"support","time":"2026-10-09T10:00:00.000Z","profile":"p-c","summary":"3 support contacts in 7 days","evidence":["tickets:T-1","calls:C-8","calls:C-9"],"customer":{"experience_index":-12.5,"events":3,"churn_risk":0.42}}"#,
                #"{"kind":"alert","id":"a-2","rule":"detractor-after-purchase","severity":"high","owner":"customer_care","time":"2026-10-02T14:33:10.000Z","profile":"p-a","summary":"NPS 2 within 48 h of a purchase","evidence":["pos:TX-1","surveys:R-2"]}"#,
                #"{"kind":"barrier","id":1,"positions":[]}"#,
                "not json",
                "",
            ],
            stderr: [
                (
                    0,
                    "ingest: note: counts: in=9 out=7 dead_lettered=2 filtered=0 written=8 (invalid_json=1 invalid_record=1)"
                ),
                (1, "normalize: note: counts: in=8 out=6 dead_lettered=1 filtered=0 written=6 (invalid_record=1)"),
                (1, #"{"kind":"dead_letter","stage":"normalize"}"#),
                (2, "resolve-identity: note: counts: in=6 out=6 dead_lettered=0 filtered=0 written=7"),
                (3, "score: note: counts: in=7 out=7 dead_lettered=0 filtered=0 written=7"),
            ])
        #expect(
            text == """
                Touchpoint demo: pipelines/demo.pipeline
                  ingest | normalize | resolve-identity | score | alert

                Alerts (2)

                [1] MEDIUM  repeat-contact  -> support
                    time      2026-10-09T10:00:00.000Z
                    profile   p-c
                    summary   3 support contacts in 7 days
                    evidence  tickets:T-1, calls:C-8, calls:C-9
                    customer  experience_index -12.5, events 3, churn_risk 0.42

                [2] HIGH  detractor-after-purchase  -> customer_care
                    time      2026-10-02T14:33:10.000Z
                    profile   p-a
                    summary   NPS 2 within 48 h of a purchase
                    evidence  pos:TX-1, surveys:R-2

                Summary
                  records in                  9
                  events                      4
                  profiles                    2
                  merges                      1
                  alerts                      2
                    detractor-after-purchase  1
                    repeat-contact            1
                  dead letters                3
                    ingest                    2  (invalid_json=1 invalid_record=1)
                    normalize                 1  (invalid_record=1)
                  barrier records             1
                  unreadable lines            1
                  (no counts from: alert)

                """)
    }
}
