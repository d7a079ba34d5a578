process.env.CALUMET_TEST_DB = 'postgres';
