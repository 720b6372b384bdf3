// The GraphiQL page served at GET /graphql when `server.graphiql` is on: it posts to /graphql with
// the key a person puts in the Headers tab, or with a signed-in dashboard session and its CSRF token.
const GRAPHIQL_VERSION = '3.8.3';
const REACT_VERSION = '18.3.1';

export const GRAPHIQL_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Steward GraphQL</title>
  <meta name="robots" content="noindex">
  <link rel="stylesheet" href="https://unpkg.com/graphiql@${GRAPHIQL_VERSION}/graphiql.min.css">
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script crossorigin src="https://unpkg.com/react@${REACT_VERSION}/umd/react.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/react-dom@${REACT_VERSION}/umd/react-dom.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/graphiql@${GRAPHIQL_VERSION}/graphiql.min.js"></script>
  <script>
    // A signed-in dashboard session posts with its CSRF token (the double-submit cookie).
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('steward_csrf='))?.slice('steward_csrf='.length);
    const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: csrf ? { 'x-steward-csrf': decodeURIComponent(csrf) } : {} });
    const headers = JSON.stringify({ authorization: 'Bearer <your Steward API key>' }, null, 2);
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultHeaders: headers, defaultQuery: '{ models { name versions { name status } } }' }),
    );
  </script>
</body>
</html>
`;
