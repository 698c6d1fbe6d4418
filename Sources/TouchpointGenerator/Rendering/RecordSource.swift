/// The seven raw channel files, by their ground-truth `source` name (the file stem).
package enum RecordSource: UInt8, CaseIterable, Sendable {
    case web
    case pos
    case tickets
    case surveys
    case social
    case calls
    case segment

    /// The `source` value in ground truth.
    package var stem: String {
        switch self {
        case .web: return "web"
        case .pos: return "pos"
        case .tickets: return "tickets"
        case .surveys: return "surveys"
        case .social: return "social"
        case .calls: return "calls"
        case .segment: return "segment"
        }
    }

    /// The file name in the output directory.
    package var fileName: String {
        switch self {
        case .web: return "web.log"
        case .pos: return "pos.csv"
        case .tickets: return "tickets.ndjson"
        case .surveys: return "surveys.csv"
        case .social: return "social.ndjson"
        case .calls: return "calls.csv"
        case .segment: return "segment.ndjson"
        }
    }

    /// The header line of CSV files, nil for the others.
    package var header: String? {
        switch self {
        case .pos:
            return "transaction_id,store_id,register,timestamp,type,loyalty_id,customer_email,customer_phone,"
                + "customer_name,total,currency,items,customer_postcode"
        case .surveys: return "response_id,submitted_at,survey,email,customer_id,nps,csat,ces,comment"
        case .calls:
            return "call_id,start_time,end_time,caller_number,customer_id,agent_id,queue,wait_seconds,"
                + "handle_seconds,disposition,notes,caller_name,date_of_birth"
        default: return nil
        }
    }
}

/// The name of the ground-truth file.
package let groundTruthFileName = "ground-truth.ndjson"
