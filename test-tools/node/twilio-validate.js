// Reads a JSON array of {authToken, signature, url, params} on stdin and prints, as a JSON array of
// booleans, what Twilio's own Node library (validateRequest) says of each request.
const { validateRequest } = require("twilio/lib/webhooks/webhooks");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  const answers = cases.map((c) => {
    try {
      return validateRequest(c.authToken, c.signature, c.url, c.params);
    } catch (e) {
      return false;
    }
  });
  process.stdout.write(JSON.stringify(answers));
});
