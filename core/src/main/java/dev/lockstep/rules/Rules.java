package dev.lockstep.rules;

import dev.lockstep.engine.Rule;
import java.util.List;
import java.util.Optional;

/** Every rule lockstep has, in one list. */
public final class Rules {
  // keep sorted by id
  private static final List<Rule> ALL = List.of(
      new BanAlterDomainAddConstraint(),
      new BanBackfillInDdlTransaction(),
      new BanBlockingTableRewrite(),
      new BanColumnTypeChange(),
      new BanConcurrentIndexIfNotExists(),
      new BanConcurrentlyInTransaction(),
      new BanCreatePartitionOf(),
      new BanDisableTriggerAll(),
      new BanDropColumn(),
      new BanDropDatabase(),
      new BanDropNotNull(),
      new BanDropSchema(),
      new BanDropTable(),
      new BanEnumAddValueInTransaction(),
      new BanEnumValueUseInTransaction(),
      new BanExclusionConstraint(),
      new BanHighLockTimeout(),
      new BanLockTable(),
      new BanNestedTransaction(),
      new BanPublicationChange(),
      new BanRenameColumn(),
      new BanRenameObject(),
      new BanRenameTable(),
      new BanReplicaIdentityFull(),
      new BanRewritingAddColumn(),
      new BanSetAccessMethod(),
      new BanToolSplitStatement(),
      new BanTriggerChangeOnExistingTable(),
      new BanTruncate(),
      new BanUncommittedTransaction(),
      new BanUpdateDeleteWithoutWhere(),
      new BanValidateInSameTransaction(),
      new BanWorkAfterAccessExclusiveLock(),
      new InvalidSuppression(),
      new PreferBigintKeys(),
      new PreferIdentityColumns(),
      new PreferIfExists(),
      new PreferStatementTimeout(),
      new PreferTextType(),
      new PreferTimestamptz(),
      new RequireCheckForAttachPartition(),
      new RequireCheckForSetNotNull(),
      new RequireConcurrentDetachPartition(),
      new RequireConcurrentDropIndex(),
      new RequireConcurrentIndex(),
      new RequireConcurrentRefresh(),
      new RequireConcurrentReindex(),
      new RequireDefaultForNotNullColumn(),
      new RequireIdentityStart(),
      new RequireIndexForForeignKey(),
      new RequireLockTimeout(),
      new RequireNotValidCheck(),
      new RequireNotValidForeignKey(),
      new RequireSubscriberSchemaFirst(),
      new RequireUniqueIndexForConstraint(),
      new UncheckedDynamicSql(),
      new UnusedSuppression());

  private Rules() {}

  public static List<Rule> all() {
    return ALL;
  }

  public static Optional<Rule> byId(String id) {
    return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
