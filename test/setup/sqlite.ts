process.env.CALUMET_TEST_DB = 'sqlite';
