// The cors-starter demo: calls the sample's API from another origin and shows what this page
// can observe. Every result cell carries stable data attributes, read by the browser tests:
//   id="result-<scenario>"  data-outcome="pending|ok|blocked"  data-status="<HTTP status, empty when blocked>"
//   data-expected="ok|blocked"  data-body="<response text>"  data-headers="<JSON of the readable headers>"
// A blocked row also gets the reason the starter gave, which the browser hides from the page,
// asked of the actuator's dry run on this page's own origin with the demo login:
//   id="reason-<scenario>"  data-reason="<e.g. header-not-allowed>"  data-rejected-value="<e.g. x-debug>"
// and #scenarios gets data-done="true" once every scenario has finished.
(() => {
  'use strict';

  const page = new URL(window.location.href);
  // The other loopback name, same port: localhost <-> 127.0.0.1 are different origins.
  const apiHost = page.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  const port = window.location.port ? ':' + window.location.port : '';
  const api = page.protocol + '//' + apiHost + port;
  // The sample's development policies allow http://localhost:<any port>; other pages are refused.
  const pageAllowed = page.hostname === 'localhost';

  const scenarios = [
    {
      id: 'simple-get',
      title: 'Simple GET',
      explain: 'No preflight; the policy allows this origin, so the body is readable.',
      expected: 'ok',
      request: () => ['GET', '/api/public/greeting', {}],
    },
    {
      id: 'json-post',
      title: 'JSON POST (preflight)',
      explain: 'Content-Type: application/json is not a "simple" header: the browser asks first with OPTIONS.',
      expected: 'ok',
      request: () => ['POST', '/api/public/echo', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'hello from ' + page.origin }),
      }],
    },
    {
      id: 'credentialed',
      title: 'Credentialed call',
      explain: 'credentials: "include" with an Authorization header; the api policy allows credentials.',
      expected: 'ok',
      request: () => ['GET', '/api/account/me', {
        credentials: 'include',
        headers: { Authorization: basicAuth() },
      }],
    },
    {
      id: 'exposed-header',
      title: 'Exposed vs non-exposed header',
      explain: 'The response sets X-Request-Id (exposed by the policy) and X-Internal (not exposed).',
      expected: 'ok',
      request: () => ['GET', '/api/public/greeting', {}],
      read: (response) => ({
        'x-request-id': response.headers.get('X-Request-Id'),
        'x-internal': response.headers.get('X-Internal'),
      }),
    },
    {
      id: 'unauthorized',
      title: 'Error status 401',
      explain: 'No login for the credentialed area: Spring Security answers 401, with the CORS headers, so the page sees it.',
      expected: 'ok',
      readableError: true,
      request: () => ['GET', '/api/account/me', { credentials: 'include' }],
    },
    {
      id: 'server-error',
      title: 'Error status 500',
      explain: 'The controller throws; the error response still carries the CORS headers.',
      expected: 'ok',
      readableError: true,
      request: () => ['GET', '/api/public/fail', {}],
    },
    {
      id: 'disallowed-header',
      title: 'Disallowed header',
      explain: 'X-Debug is not in the policy\'s allowed-headers: the preflight is refused.',
      expected: 'blocked',
      request: () => ['GET', '/api/public/greeting', { headers: { 'X-Debug': '1' } }],
    },
    {
      id: 'disallowed-method',
      title: 'Disallowed method',
      explain: 'PATCH is not in the api policy\'s allowed-methods: the preflight is refused.',
      expected: 'blocked',
      request: () => ['PATCH', '/api/items/1', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'ristretto' }),
      }],
    },
  ];

  function basicAuth() {
    const user = document.getElementById('user').value;
    const password = document.getElementById('password').value;
    return 'Basic ' + btoa(user + ':' + password);
  }

  /** One cross-origin call, reduced to what the page can observe. Never throws. */
  async function probe(method, url, init, read) {
    try {
      const response = await fetch(url, Object.assign({ method, cache: 'no-store' }, init));
      const headers = {};
      response.headers.forEach((value, name) => { headers[name] = value; });
      const body = await response.text();
      return {
        outcome: 'ok',
        status: response.status,
        body,
        headers: read ? Object.assign(headers, read(response)) : headers,
      };
    }
    catch (error) {
      return { outcome: 'blocked', status: null, error: error.name + ': ' + error.message };
    }
  }

  // Request headers a page may send without a preflight (Fetch standard, CORS-safelisted).
  const SAFELISTED_HEADERS = ['accept', 'accept-language', 'content-language'];
  const SAFELISTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

  /** The headers the browser names in Access-Control-Request-Headers for this call, lower case, sorted. */
  function preflightHeaders(headers) {
    return Object.entries(headers || {})
      .filter(([name, value]) => {
        const lower = name.toLowerCase();
        if (lower === 'content-type') {
          return !SAFELISTED_CONTENT_TYPES.includes(String(value).split(';')[0].trim().toLowerCase());
        }
        return !SAFELISTED_HEADERS.includes(lower);
      })
      .map(([name]) => name.toLowerCase())
      .sort();
  }

  /**
   * Why the starter refused a call: the same request evaluated by GET /actuator/cors (a dry run,
   * nothing is sent to the API) on this page's own origin, with the demo login. Never throws.
   */
  async function whyBlocked(method, path, init) {
    const headers = preflightHeaders(init.headers);
    const query = new URLSearchParams({ path, origin: page.origin, method });
    if (headers.length > 0) {
      query.set('headers', headers.join(','));
    }
    if (!['GET', 'HEAD', 'POST'].includes(method) || headers.length > 0) {
      query.set('preflight', 'true');
    }
    try {
      const response = await fetch('/actuator/cors?' + query, {
        // X-Requested-With: Spring Security then answers a wrong login with a bare 401, without
        // WWW-Authenticate, so the browser shows no login dialog for this same-origin call.
        headers: { Authorization: basicAuth(), 'X-Requested-With': 'XMLHttpRequest' },
        // The login typed above, and only it: no session cookie from an earlier dry run, with
        // which Spring Security would accept the same user name with a wrong password.
        credentials: 'omit',
        cache: 'no-store',
      });
      if (!response.ok) {
        return { error: 'the dry run answered ' + response.status
          + (response.status === 401 ? ': check the demo login above' : '') };
      }
      const answer = await response.json();
      return { reason: answer.reason, rejectedValue: answer.rejectedValue, policy: answer.policy };
    }
    catch (error) {
      return { error: error.name + ': ' + error.message };
    }
  }

  function cell(row, className, text) {
    const td = document.createElement('td');
    if (className) {
      td.className = className;
    }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function render() {
    const body = document.getElementById('scenarios');
    body.replaceChildren();
    for (const scenario of scenarios) {
      const [method, path] = scenario.request();
      const expected = pageAllowed ? scenario.expected : 'blocked';
      const expectedLabel = expected === 'ok' && scenario.readableError ? 'readable' : expected;
      const row = document.createElement('tr');
      row.id = 'row-' + scenario.id;
      const title = cell(row, null, scenario.title);
      title.title = scenario.explain;
      cell(row, 'request', method + ' ' + api + path);
      cell(row, null, expectedLabel);
      const result = cell(row, 'outcome', 'pending');
      result.id = 'result-' + scenario.id;
      result.dataset.outcome = 'pending';
      result.dataset.expected = expected;
      cell(row, 'status', '');
      cell(row, 'read', scenario.explain);
      body.appendChild(row);
    }
  }

  function show(scenario, observed) {
    const result = document.getElementById('result-' + scenario.id);
    const row = result.parentElement;
    const asExpected = observed.outcome === result.dataset.expected;
    result.dataset.outcome = observed.outcome;
    result.dataset.status = observed.status === null ? '' : String(observed.status);
    result.dataset.body = observed.body || '';
    result.dataset.headers = JSON.stringify(observed.headers || {});
    // an error status the page can read (401, 500) is a success of CORS, not an "ok" response
    const label = observed.outcome === 'ok' && observed.status >= 400 ? 'readable' : observed.outcome;
    result.textContent = label + (asExpected ? ' \u2713' : ' \u2717 (expected ' + result.dataset.expected + ')');
    row.dataset.asExpected = String(asExpected);
    row.querySelector('.status').textContent = observed.status === null ? '\u2014' : String(observed.status);
    row.querySelector('.read').textContent = observed.outcome === 'ok'
      ? Object.entries(observed.headers).map(([name, value]) => name + ': ' + describe(value)).join('\n')
        + '\n\n' + truncate(observed.body)
      : observed.error + ' \u2014 the page sees no status, no headers, no body';
  }

  function showReason(scenario, why) {
    const read = document.getElementById('result-' + scenario.id).parentElement.querySelector('.read');
    const reason = document.createElement('div');
    reason.className = 'reason';
    reason.id = 'reason-' + scenario.id;
    reason.dataset.reason = why.reason || '';
    reason.dataset.rejectedValue = why.rejectedValue || '';
    reason.textContent = why.error
      ? 'Why: not available (' + why.error + ').'
      : 'Why, says cors-starter: ' + why.reason
        + (why.rejectedValue ? ' \u2014 ' + why.rejectedValue : '')
        + (why.policy ? ' (policy ' + why.policy + ')' : '')
        + '. From the actuator dry run GET /actuator/cors; the browser does not tell the page.';
    read.appendChild(reason);
  }

  function describe(value) {
    return value === null ? 'null (not readable: not exposed by the policy)' : value;
  }

  function truncate(text) {
    return text.length > 300 ? text.slice(0, 300) + '\u2026' : text;
  }

  async function run() {
    const body = document.getElementById('scenarios');
    body.dataset.done = 'false';
    render();
    for (const scenario of scenarios) {
      const [method, path, init] = scenario.request();
      const observed = await probe(method, api + path, init, scenario.read);
      show(scenario, observed);
      if (observed.outcome === 'blocked') {
        showReason(scenario, await whyBlocked(method, path, init));
      }
    }
    body.dataset.done = 'true';
  }

  document.getElementById('page-origin').textContent = page.origin;
  document.getElementById('api-origin').textContent = api;
  // A page opened by a network address (not a loopback name) calls localhost across address spaces:
  // Chrome 142 and later gate that on Local Network Access, a permission an http: page cannot get.
  const loopbackPage = page.hostname === '127.0.0.1' || page.hostname === '[::1]';
  document.getElementById('origin-hint').textContent = pageAllowed
    ? 'Open this page as ' + page.protocol + '//127.0.0.1' + port + '/ to see an origin outside the policy: every call is refused.'
    : 'This page\'s origin is outside the sample\'s development policy (http://localhost:*): every call is refused. '
      + 'Open ' + page.protocol + '//localhost' + port + '/ to see the allowed view.'
      + (loopbackPage ? '' : ' Opened by a private network address, this page may have its calls to localhost blocked by '
        + 'the browser itself before the starter sees them (Local Network Access, Chrome 142 and later); the '
        + 'reasons below are what the starter answers.');
  document.getElementById('login').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });

  window.corsDemo = { api, probe, run };
  render();
  if (page.searchParams.get('autorun') !== 'false') {
    run();
  }
})();
