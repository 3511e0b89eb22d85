// Parse iCalendar files with Mozilla's ical.js (Thunderbird's parser) and print what a client reads.
// Usage: node icaljs_check.mjs ICAL_JS_MODULE FILE...
// Prints one JSON object per file: {"file", "error"} or {"file", "calendar": {...}, "events": [...]}.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [modulePath, ...files] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(modulePath).href)).default;

function read(file) {
  const text = readFileSync(file, "utf8");
  const jcal = ICAL.parse(text); // throws ICAL.parse.ParserError on any syntax error
  const root = new ICAL.Component(jcal);
  if (root.name !== "vcalendar") throw new Error(`root component is ${root.name}`);
  const events = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    const end = event.endDate;
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue("status"),
      url: vevent.getFirstPropertyValue("url"),
      categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues()),
      isDate: start.isDate,
      start: start.isDate ? start.toString() : start.toUnixTime(),
      end: end.isDate ? end.toString() : end.toUnixTime(),
      startZone: start.zone ? start.zone.tzid : null,
      floating: !start.isDate && start.zone === ICAL.Timezone.localTimezone,
      dtstamp: vevent.getFirstPropertyValue("dtstamp").toUnixTime(),
      lastModified: vevent.getFirstPropertyValue("last-modified").toUnixTime(),
    };
  });
  return {
    calendar: {
      prodid: root.getFirstPropertyValue("prodid"),
      version: root.getFirstPropertyValue("version"),
      method: root.getFirstPropertyValue("method"),
      name: root.getFirstPropertyValue("x-wr-calname"),
      refresh: String(root.getFirstPropertyValue("refresh-interval")),
      refreshType: root.getFirstProperty("refresh-interval")?.type ?? null,
      timezones: root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
    },
    events,
  };
}

for (const file of files) {
  try {
    console.log(JSON.stringify({ file, ...read(file) }));
  } catch (error) {
    console.log(JSON.stringify({ file, error: String(error && error.stack ? error.stack : error) }));
  }
}
