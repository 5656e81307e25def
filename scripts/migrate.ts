import { ConfigError, loadConfig, ServiceUnavailableError } from '#core';
import { prepareDatabase } from '#platform';

/** npm run migration:run: create the database if needed and apply pending migrations. */
prepareDatabase(loadConfig(), (l) => console.log(l))
  .then(() => console.log('migrations up to date'))
  .catch((e) => {
    console.error(e instanceof ConfigError || e instanceof ServiceUnavailableError ? e.message : e);
    process.exit(1);
  });
