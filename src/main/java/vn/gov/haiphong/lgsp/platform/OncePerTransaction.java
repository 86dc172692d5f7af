package vn.gov.haiphong.lgsp.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an action once after the current transaction commits, however many times it is asked
 * within that transaction (an import with hundreds of changes reloads a cache once); at once when
 * no transaction is active. Nothing runs after a rollback. Each instance is one such action.
 */
public final class OncePerTransaction {

    private final Runnable action;
    /** The marker bound to the transaction while the action is pending; the instance itself is unique. */
    private final Object pendingKey = new Object();

    public OncePerTransaction(Runnable action) {
        this.action = action;
    }

    public void request() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(pendingKey)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(pendingKey, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
            }
        });
    }
}
