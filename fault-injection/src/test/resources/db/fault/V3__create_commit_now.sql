-- a procedure that commits, which no statement guard can see from its CALL
CREATE PROCEDURE commit_now() COMMIT;
