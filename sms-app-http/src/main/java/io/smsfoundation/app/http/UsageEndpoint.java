package io.smsfoundation.app.http;

import io.smsfoundation.app.http.Views.UsageReportView;
import io.smsfoundation.app.http.Views.UsageRowView;
import io.smsfoundation.ports.in.ReadUsage;
import io.smsfoundation.ports.in.ReadUsage.UsageQuery;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code GET /usage?from=2026-11-01&to=2026-12-01&group_by=tenant}: counts, segments, failures,
 * price and processing-time percentiles per group, as JSON, or with {@code Accept: text/csv} as CSV
 * with a header row (the same columns as the JSON rows, in the same order). A bad range or grouping
 * is a 400 naming the parameter.
 */
public final class UsageEndpoint implements Endpoint {

  static final String CSV = "text/csv; charset=utf-8";

  /** The CSV header, in the order of {@link UsageRowView}'s JSON fields. */
  static final List<String> COLUMNS =
      List.of(
          "group",
          "messages",
          "inbound",
          "outbound",
          "segments",
          "failures",
          "price",
          "price_unit",
          "priced",
          "p50_processing_ms",
          "p95_processing_ms");

  private final ReadUsage readUsage;
  private final JsonCodec json;

  public UsageEndpoint(ReadUsage readUsage, JsonCodec json) {
    this.readUsage = Objects.requireNonNull(readUsage, "readUsage");
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    UsageQuery query =
        UsageQuery.parse(
            request.queryParam("from"), request.queryParam("to"), request.queryParam("group_by"));
    UsageReportView report = UsageReportView.of(readUsage.read(query));
    if (wantsCsv(request.header("Accept"))) {
      return HttpReply.text(200, CSV, csv(report.rows()))
          .withHeader(
              "Content-Disposition",
              "attachment; filename=\"usage-"
                  + report.from()
                  + "-"
                  + report.to()
                  + "-"
                  + report.groupBy()
                  + ".csv\"");
    }
    return HttpReply.json(200, json.write(report));
  }

  private static boolean wantsCsv(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
  }

  /** RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line end. */
  static String csv(List<UsageRowView> rows) {
    StringBuilder out = new StringBuilder();
    line(out, COLUMNS.stream().map(c -> (Object) c).toList());
    for (UsageRowView row : rows) {
      line(
          out,
          Arrays.asList(
              row.group(),
              row.messages(),
              row.inbound(),
              row.outbound(),
              row.segments(),
              row.failures(),
              row.price() == null ? null : row.price().toPlainString(),
              row.priceUnit(),
              row.priced(),
              row.p50ProcessingMs(),
              row.p95ProcessingMs()));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<Object> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object field = fields.get(i);
      String text = field == null ? "" : field.toString();
      if (text.indexOf(',') >= 0
          || text.indexOf('"') >= 0
          || text.indexOf('\n') >= 0
          || text.indexOf('\r') >= 0) {
        out.append('"').append(text.replace("\"", "\"\"")).append('"');
      } else {
        out.append(text);
      }
    }
    out.append("\r\n");
  }
}
